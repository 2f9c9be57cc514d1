// The contact centre's supervisor view: reload the server-rendered page when calls, callbacks or
// agents change (one reload a second at most), as visits-live.js does for a site.
(function () {
  'use strict';
  var root = document.querySelector('[data-live-contact]');
  if (!root || !window.EventSource) return;
  var refresh = document.querySelector('meta[http-equiv="refresh"]');
  if (refresh) refresh.parentNode.removeChild(refresh);
  var timer = null;
  var reload = function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      window.location.reload();
    }, 1000);
  };
  var source = new EventSource('/api/v1/live/contact');
  var ready = false;
  source.addEventListener('snapshot', function () {
    // A reconnection's snapshot may follow changes we missed: reload to be in step.
    if (ready) reload();
    ready = true;
    root.setAttribute('data-live-ready', 'true');
  });
  source.addEventListener('change', reload);
})();
