/* A group's comparison over time as a stacked bar chart (Chart.js), one bar per instrument.
 * The table beside it holds the same figures, for readers without JavaScript or a screen. */
(function () {
  "use strict";

  var canvas = document.getElementById("comparison-chart");
  var dataElement = document.getElementById("comparison-data");
  if (!canvas || !dataElement || !window.Chart) {
    return;
  }
  var data = JSON.parse(dataElement.textContent);
  var rightToLeft = document.documentElement.dir === "rtl";
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: data.datasets.map(function (dataset) {
        return {
          label: dataset.label,
          data: dataset.counts,
          backgroundColor: dataset.colour,
          borderColor: "#8a8f98",
          borderWidth: 0.5
        };
      })
    },
    options: {
      indexAxis: "y",
      animation: false,
      maintainAspectRatio: false,
      locale: document.documentElement.lang || "en",
      scales: {
        x: { stacked: true, reverse: rightToLeft, title: { display: true, text: data.axis } },
        y: { stacked: true, position: rightToLeft ? "right" : "left", ticks: { autoSkip: false } }
      },
      plugins: { legend: { position: "bottom", rtl: rightToLeft } }
    }
  });
  canvas.classList.add("is-ready");
})();
