/* The memorial's map: hometowns as circles at county seats (area proportional to the number of
 * published persons) and facilities as dots, drawn by Leaflet on a plain background. The only
 * base layer is the site's own file of borders (Natural Earth's lines between countries and
 * between provinces, cut to the region at build time): no tile server, no request leaves the
 * site. Facilities gather into clusters at low zoom; each mark links to its list. */
(function () {
  "use strict";

  var element = document.getElementById("memorial-map");
  var dataElement = document.getElementById("memorial-map-data");
  if (!element || !dataElement || !window.L) {
    return;
  }
  var L = window.L;
  var data = JSON.parse(dataElement.textContent);
  var region = L.latLngBounds([[34.3, 73.5], [49.2, 96.4]]); // the Uyghur Region
  var map = L.map(element, {
    attributionControl: false,
    // Whole zoom levels: the clusters are worked out per level and miss marks between them.
    zoomSnap: 1,
    // With no tiles, nothing else sets how far in the map goes (the clusters need to know).
    maxZoom: 12,
    // Beyond the file's edge there is nothing to draw: keep the view on the region.
    maxBounds: region.pad(0.3),
    maxBoundsViscosity: 0.8
  });
  map.fitBounds(region);
  // Zoomed out further, the edge of the borders' file would show.
  map.setMinZoom(map.getZoom());

  var borderStyles = {
    countries: { color: "#4d5560", weight: 1.6, opacity: 0.9 },
    provinces: { color: "#7b838d", weight: 1, opacity: 0.8, dashArray: "4 3" }
  };
  if (element.dataset.boundaries) {
    fetch(element.dataset.boundaries)
      .then(function (response) { return response.json(); })
      .then(function (boundaries) {
        L.geoJSON(boundaries, {
          interactive: false,
          style: function (feature) { return borderStyles[feature.properties.kind] || {}; }
        }).addTo(map).bringToBack();
        element.classList.add("has-boundaries");
      })
      .catch(function () { /* the marks stand on the plain background */ });
  }

  function link(layer, item, text) {
    layer.bindTooltip(text);
    layer.on("click", function () { window.location.href = item.url; });
  }

  var largest = Math.max.apply(null, data.counties.map(function (c) { return c.count; }).concat([1]));
  data.counties.forEach(function (county) {
    var circle = L.circleMarker([county.lat, county.lon], {
      radius: 4 + 26 * Math.sqrt(county.count / largest),
      color: "#5b6b7f", weight: 1, fillColor: "#5b6b7f", fillOpacity: 0.35
    }).addTo(map);
    link(circle, county, county.name + " (" + county.count + ")");
  });

  var tierColours = { 1: "#f0b27a", 2: "#dc7633", 3: "#a04000", 4: "#641e16" };
  // Facilities close together on screen gather into one numbered cluster until the map is
  // zoomed in far enough to tell them apart; a click on a cluster zooms to its facilities
  // (or, for facilities at one spot even at the closest zoom, spreads them around it).
  var facilities = L.markerClusterGroup ? L.markerClusterGroup({
    showCoverageOnHover: false,
    maxClusterRadius: 40
  }) : L.layerGroup();
  data.facilities.forEach(function (facility) {
    var dot = L.circleMarker([facility.lat, facility.lon], {
      radius: 6, color: "#222", weight: 1,
      fillColor: tierColours[facility.tier] || "#7f8c8d", fillOpacity: 0.9
    });
    link(dot, facility, facility.name + (facility.tier ? " (" + facility.tier + ")" : ""));
    facilities.addLayer(dot);
  });
  facilities.addTo(map);
  element.classList.add("is-ready");
})();
