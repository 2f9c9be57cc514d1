// "Find a service point": with JavaScript on, a small map of the results (numbered as in the
// list) is added beside them. Without it the list alone answers, and the page stays light.
(function () {
  'use strict';
  var holder = document.getElementById('results-map');
  if (!holder) return;
  var image = document.createElement('img');
  image.src = holder.getAttribute('data-src');
  image.alt = holder.getAttribute('data-alt');
  image.width = 480;
  image.height = 360;
  holder.appendChild(image);
  holder.hidden = false;
})();
