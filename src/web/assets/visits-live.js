// Ticket pages and staff consoles: when something changes at the site, reload the page (it is
// server-rendered), unless the person is in the middle of filling a form. Without JavaScript the
// page refreshes itself on a timer instead.
(function () {
  'use strict';
  var root = document.querySelector('[data-live-site]');
  if (!root || !window.EventSource) return;
  var refresh = document.querySelector('meta[http-equiv="refresh"]');
  if (refresh) refresh.parentNode.removeChild(refresh);
  var timer = null;
  var busy = function () {
    var active = document.activeElement;
    return active && /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName) && active.type !== 'submit' && active.type !== 'hidden';
  };
  var reload = function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      if (busy()) return reload();
      window.location.reload();
    }, 400);
  };
  var source = new EventSource('/api/v1/live/sites/' + encodeURIComponent(root.getAttribute('data-live-site')) + '/visits');
  var ready = false;
  source.addEventListener('snapshot', function () {
    // A reconnection's snapshot may follow changes we missed: reload to be in step.
    if (ready) reload();
    ready = true;
  });
  source.addEventListener('change', reload);
})();
