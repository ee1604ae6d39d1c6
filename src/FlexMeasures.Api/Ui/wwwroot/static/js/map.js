// The dashboard's map: one marker per asset with coordinates, linking to its page. Tiles only when the site
// configures a tile server (Ui__MapTileUrl); otherwise the markers on a plain background, so it works offline.
(function () {
  "use strict";
  var element = document.getElementById("asset-map");
  var data = document.getElementById("asset-map-data");
  if (!element || !data || typeof L === "undefined") {
    return;
  }
  var assets = JSON.parse(data.textContent);
  var map = L.map(element, { scrollWheelZoom: false, keyboard: true });
  var tiles = element.dataset.tiles;
  if (tiles) {
    L.tileLayer(tiles, { maxZoom: 19, attribution: element.dataset.attribution || "" }).addTo(map);
  } else {
    element.classList.add("asset-map-plain");
  }
  var markers = assets.map(function (asset) {
    var marker = L.marker([asset.lat, asset.lon], { title: asset.name, alt: asset.name + " (" + asset.type + ")" });
    var link = document.createElement("a");
    link.href = "/assets/" + asset.id;
    link.textContent = asset.name;
    marker.bindPopup(link);
    return marker.addTo(map);
  });
  var bounds = L.featureGroup(markers).getBounds();
  if (markers.length === 1) {
    map.setView(bounds.getCenter(), 13);
  } else {
    map.fitBounds(bounds.pad(0.2));
  }
  element.dataset.markers = String(markers.length);
})();
