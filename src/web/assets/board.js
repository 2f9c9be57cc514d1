// Lobby board: follows the site's live stream, chimes on each call, can speak the call in both
// official languages, reconnects by itself and resynchronises from a fresh snapshot after any
// gap (a dropped socket never leaves the board showing stale calls).
(function () {
  'use strict';
  var frame = document.querySelector('[data-stream-url]');
  if (!frame || !window.EventSource) return;
  // With the live stream on, the page no longer needs to reload itself.
  var refresh = document.querySelector('meta[http-equiv="refresh"]');
  if (refresh) refresh.parentNode.removeChild(refresh);
  var rows = document.getElementById('board-rows');
  var empty = document.getElementById('board-empty');
  var waiting = document.getElementById('board-waiting-count');
  var announcer = document.getElementById('board-announcer');
  var connection = document.getElementById('board-connection');
  var speech = document.getElementById('board-speech');
  var controls = document.getElementById('board-controls');
  controls.hidden = false;
  var audio = null;
  var seen = {};
  var first = true;
  var lastMessageAt = Date.now();
  var source = null;

  document.getElementById('board-sound').addEventListener('click', function () {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (Context && !audio) audio = new Context();
    if (audio && audio.state === 'suspended') audio.resume();
    chime();
  });

  function chime() {
    if (!audio) return;
    [880, 660].forEach(function (frequency, i) {
      var oscillator = audio.createOscillator();
      var gain = audio.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.25, audio.currentTime + i * 0.35);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + i * 0.35 + 0.6);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(audio.currentTime + i * 0.35);
      oscillator.stop(audio.currentTime + i * 0.35 + 0.6);
    });
  }

  function say(call) {
    var parts = ['en', 'fr'].map(function (lang) {
      var template = document.getElementById('board-say-' + lang).getAttribute('data-template');
      return { lang: lang, text: template.replace('{ticket}', call.ticket.split('').join(' ')).replace('{counter}', call.counter) };
    });
    announcer.textContent = parts.map(function (p) { return p.text; }).join(' / ');
    if (!speech.checked || !window.speechSynthesis) return;
    parts.forEach(function (p) {
      var utterance = new SpeechSynthesisUtterance(p.text);
      utterance.lang = p.lang === 'fr' ? 'fr-CA' : 'en-CA';
      window.speechSynthesis.speak(utterance);
    });
  }

  function render(board) {
    while (rows.firstChild) rows.removeChild(rows.firstChild);
    board.called.forEach(function (call) {
      var tr = document.createElement('tr');
      tr.className = call.serving ? 'serving' : 'past';
      var ticket = document.createElement('td');
      ticket.className = 'board-ticket';
      ticket.textContent = call.ticket;
      var counter = document.createElement('td');
      counter.textContent = call.counter;
      tr.appendChild(ticket);
      tr.appendChild(counter);
      rows.appendChild(tr);
      // A new call, or a recall (the call count grew), is announced once.
      var key = call.ticket + '|' + call.calledAt + '|' + call.calls;
      if (!seen[key] && call.serving && !first) {
        chime();
        say(call);
      }
      seen[key] = true;
    });
    empty.hidden = board.called.length > 0;
    waiting.textContent = String(board.waiting);
    first = false;
  }

  function setOnline(online) {
    var lang = document.documentElement.lang === 'fr' ? 'fr' : 'en';
    connection.textContent = connection.getAttribute('data-' + (online ? 'online' : 'offline') + '-' + lang);
  }

  // A failed fetch is retried until it succeeds: a change heard while the network is down must
  // still reach the screen once it is back.
  var retry = null;
  function resync() {
    clearTimeout(retry);
    fetch(frame.getAttribute('data-snapshot-url'), { headers: { accept: 'application/json' }, cache: 'no-store' })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (board) {
        setOnline(true);
        render(board);
      })
      .catch(function () {
        setOnline(false);
        retry = setTimeout(resync, 2000);
      });
  }

  function connect() {
    if (source) source.close();
    source = new EventSource(frame.getAttribute('data-stream-url'));
    source.addEventListener('open', function () { setOnline(true); lastMessageAt = Date.now(); });
    source.addEventListener('snapshot', function (event) { lastMessageAt = Date.now(); render(JSON.parse(event.data)); });
    source.addEventListener('change', function () { lastMessageAt = Date.now(); resync(); });
    source.addEventListener('ping', function () { lastMessageAt = Date.now(); });
    source.addEventListener('error', function () { setOnline(false); });
  }

  // The server sends a comment every 15 s; silence for 45 s means a dead link the browser has
  // not noticed (a proxy, a sleeping laptop): start over, and the new stream's snapshot resyncs.
  setInterval(function () {
    if (Date.now() - lastMessageAt > 45000 || (source && source.readyState === 2)) connect();
  }, 5000);
  connect();
})();
