/* The memorial's map: hometowns as circles at county seats (area proportional to the number of
 * published persons) and facilities as dots, drawn by Leaflet on a plain background with
 * Natural Earth country outlines and no tile server. Each mark links to its list. */
(function () {
  "use strict";

  var element = document.getElementById("memorial-map");
  var dataElement = document.getElementById("memorial-map-data");
  if (!element || !dataElement || !window.L) {
    return;
  }
  var data = JSON.parse(dataElement.textContent);
  var map = window.L.map(element, { attributionControl: false, zoomSnap: 0.5 });
  map.fitBounds([[34.3, 73.5], [49.2, 96.4]]); // the Uyghur Region

  if (window.topojson && element.dataset.outlines) {
    fetch(element.dataset.outlines)
      .then(function (response) { return response.json(); })
      .then(function (topology) {
        var outlines = window.topojson.feature(topology, topology.objects.countries);
        window.L.geoJSON(outlines, {
          interactive: false,
          style: { color: "#8a8f98", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1 }
        }).addTo(map).bringToBack();
      })
      .catch(function () { /* the marks stand on the plain background */ });
  }

  function link(layer, item, text) {
    layer.bindTooltip(text);
    layer.on("click", function () { window.location.href = item.url; });
  }

  var largest = Math.max.apply(null, data.counties.map(function (c) { return c.count; }).concat([1]));
  data.counties.forEach(function (county) {
    var circle = window.L.circleMarker([county.lat, county.lon], {
      radius: 4 + 26 * Math.sqrt(county.count / largest),
      color: "#5b6b7f", weight: 1, fillColor: "#5b6b7f", fillOpacity: 0.35
    }).addTo(map);
    link(circle, county, county.name + " (" + county.count + ")");
  });

  var tierColours = { 1: "#f0b27a", 2: "#dc7633", 3: "#a04000", 4: "#641e16" };
  data.facilities.forEach(function (facility) {
    var dot = window.L.circleMarker([facility.lat, facility.lon], {
      radius: 5, color: "#222", weight: 1,
      fillColor: tierColours[facility.tier] || "#7f8c8d", fillOpacity: 0.9
    }).addTo(map);
    link(dot, facility, facility.name + (facility.tier ? " (" + facility.tier + ")" : ""));
  });
  element.classList.add("is-ready");
})();
