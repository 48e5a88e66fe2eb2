/* The world map of state positions: Natural Earth shapes (world-atlas) drawn by Leaflet with no
 * tile layer, coloured from the JSON the page carries. The table under the map holds the same
 * facts for readers without JavaScript. */
(function () {
  "use strict";

  var picker = document.getElementById("positions-picker");
  if (picker) {
    // Choosing another instrument reloads the page, so that every view has its own address.
    var select = picker.querySelector("select");
    select.addEventListener("change", function () { picker.submit(); });
    picker.querySelector("button").classList.add("visually-hidden");
  }

  var element = document.getElementById("positions-map");
  var dataElement = document.getElementById("positions-map-data");
  if (!element || !dataElement || !window.L || !window.topojson) {
    return;
  }
  var data = JSON.parse(dataElement.textContent);
  var ANTARCTICA = "010";

  function stateCode(feature) {
    return data.numeric[feature.id] || null;
  }

  function categoryOf(code) {
    return (code && data.colouring[code]) || data.outside;
  }

  // Natural Earth rings that cross the antimeridian (Chukotka, Fiji) jump from +180 to -180;
  // drawn as they are, they smear a band across the whole map. Keeping each ring continuous
  // lets it run past 180 instead.
  function unwrapRing(ring) {
    var previous = null;
    return ring.map(function (point) {
      var longitude = point[0];
      if (previous !== null) {
        while (longitude - previous > 180) { longitude -= 360; }
        while (longitude - previous < -180) { longitude += 360; }
      }
      previous = longitude;
      return [longitude, point[1]];
    });
  }

  function meanLongitude(ring) {
    return ring.reduce(function (sum, point) { return sum + point[0]; }, 0) / ring.length;
  }

  // One feature per polygon, so that each island or exclave is its own target on the map.
  function splitPolygons(collection) {
    var features = [];
    collection.features.forEach(function (feature) {
      if (feature.id === ANTARCTICA || !feature.geometry) {
        return;
      }
      var parts = feature.geometry.type === "MultiPolygon"
        ? feature.geometry.coordinates
        : [feature.geometry.coordinates];
      var polygons = parts.map(function (polygon) { return polygon.map(unwrapRing); });
      // Islands on the far side of the antimeridian (Russia's, Fiji's) join the mainland.
      var mainland = polygons.reduce(function (largest, polygon) {
        return polygon[0].length > largest[0].length ? polygon : largest;
      });
      var centre = meanLongitude(mainland[0]);
      polygons.forEach(function (polygon) {
        var shift = centre - meanLongitude(polygon[0]) > 180 ? 360
          : centre - meanLongitude(polygon[0]) < -180 ? -360 : 0;
        if (shift) {
          polygon = polygon.map(function (ring) {
            return ring.map(function (point) { return [point[0] + shift, point[1]]; });
          });
        }
        features.push({
          type: "Feature",
          id: feature.id,
          properties: feature.properties,
          geometry: { type: "Polygon", coordinates: polygon }
        });
      });
    });
    return { type: "FeatureCollection", features: features };
  }

  function go(code) {
    if (code && data.names[code]) {
      window.location.assign(data.stateUrl.replace("XXX", code));
    }
  }

  // Name each shape for tests, styles and keyboard users, who reach a state with Tab and Enter.
  function label(path, code) {
    if (!path) { return; }
    path.classList.add("state", "state-" + code);
    path.setAttribute("data-iso3", code);
    if (data.names[code]) {
      path.setAttribute("tabindex", "0");
      path.setAttribute("role", "link");
      path.setAttribute("aria-label", data.names[code] + " — " + data.labels[categoryOf(code)]);
      path.addEventListener("keydown", function (event) {
        if (event.key === "Enter") { go(code); }
      });
    }
  }

  fetch(data.topology, { credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) { throw new Error("map shapes unavailable"); }
      return response.json();
    })
    .then(function (topology) {
      var collection = splitPolygons(topojson.feature(topology, topology.objects.countries));
      var map = L.map(element, {
        zoomSnap: 0.25,
        minZoom: 1,
        maxZoom: 7,
        worldCopyJump: false,
        maxBounds: [[-75, -220], [88, 220]]
      });
      // Layers are only drawn once the map has a view, so the view comes first.
      map.fitBounds([[-56, -170], [80, 180]]);
      map.attributionControl.setPrefix("Leaflet");
      map.attributionControl.addAttribution("Natural Earth · world-atlas");

      var layer = L.geoJSON(collection, {
        style: function (feature) {
          var code = stateCode(feature);
          return {
            color: "#ffffff",
            weight: 0.6,
            fillOpacity: 1,
            fillColor: data.colours[categoryOf(code)]
          };
        },
        onEachFeature: function (feature, polygon) {
          var code = stateCode(feature);
          var name = (code && data.names[code]) || (feature.properties && feature.properties.name) || "";
          polygon.bindTooltip(name + " — " + data.labels[categoryOf(code)], { sticky: true });
          if (code && data.names[code]) {
            polygon.on("click", function () { go(code); });
          }
        }
      }).addTo(map);

      layer.eachLayer(function (polygon) {
        var code = stateCode(polygon.feature);
        if (code) { label(polygon.getElement(), code); }
      });

      // States too small for a shape at this scale get a dot on their largest island.
      Object.keys(data.points || {}).forEach(function (code) {
        var dot = L.circleMarker(data.points[code], {
          radius: 4,
          color: "#4a4f57",
          weight: 1,
          fillOpacity: 1,
          fillColor: data.colours[categoryOf(code)]
        }).addTo(map);
        dot.bindTooltip(data.names[code] + " — " + data.labels[categoryOf(code)]);
        dot.on("click", function () { go(code); });
        label(dot.getElement(), code);
      });

      element.classList.add("is-ready");
    })
    .catch(function () {
      element.classList.add("has-failed");
    });
})();
