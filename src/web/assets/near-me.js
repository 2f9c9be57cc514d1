// "Find a service point": offers "Use my location" when the browser can give a position, and
// asks for the nearest offices to it (keeping the chosen service). The position goes to the
// server only as this one search; without JavaScript the place search works as before.
(function () {
  'use strict';
  var button = document.getElementById('near-me');
  if (!button || !navigator.geolocation) return;
  var status = document.getElementById('near-me-status');
  button.hidden = false;
  button.addEventListener('click', function () {
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        var params = new URLSearchParams();
        params.set('lat', position.coords.latitude.toFixed(4));
        params.set('lon', position.coords.longitude.toFixed(4));
        var service = document.getElementById('service');
        if (service && service.value) params.set('service', service.value);
        window.location.search = params.toString();
      },
      function () {
        button.disabled = false;
        status.textContent = button.getAttribute('data-denied');
      },
      { maximumAge: 300000, timeout: 15000 },
    );
  });
})();
