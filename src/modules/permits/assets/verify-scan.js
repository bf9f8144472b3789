/* global document, navigator, window, requestAnimationFrame */
// Camera scan on /verify, as progressive enhancement: without this script (or without a camera)
// the page still offers upload and paste. The decoded text goes into the paste form, which is
// submitted as if typed, so the server does the one and only verification.
(function () {
  'use strict';
  var root = document.getElementById('verify-scan');
  var textarea = document.getElementById('credential');
  var media = navigator.mediaDevices;
  if (!root || !textarea || !media || typeof media.getUserMedia !== 'function') return;
  var startButton = document.getElementById('scan-start');
  var stopButton = document.getElementById('scan-stop');
  var video = document.getElementById('scan-video');
  var status = document.getElementById('scan-status');
  var stream = null;
  var running = false;
  root.hidden = false;

  function say(key) {
    status.textContent = root.getAttribute('data-msg-' + key) || '';
  }

  function loadJsQr() {
    if (window.jsQR) return Promise.resolve();
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = root.getAttribute('data-jsqr');
      s.onload = resolve;
      s.onerror = reject;
      document.head.appendChild(s);
    });
  }

  // BarcodeDetector where the browser has it (fast, native); jsQR on a canvas otherwise.
  function makeDecoder() {
    var native = window.BarcodeDetector;
    var tryNative = native
      ? native.getSupportedFormats().then(
          function (formats) {
            return formats.indexOf('qr_code') >= 0 ? new native({ formats: ['qr_code'] }) : null;
          },
          function () {
            return null;
          },
        )
      : Promise.resolve(null);
    return tryNative.then(function (detector) {
      if (detector)
        return function () {
          return detector.detect(video).then(function (codes) {
            return codes.length ? codes[0].rawValue : null;
          });
        };
      return loadJsQr().then(function () {
        var canvas = document.createElement('canvas');
        var ctx = canvas.getContext('2d', { willReadFrequently: true });
        return function () {
          var w = video.videoWidth;
          var h = video.videoHeight;
          if (!w || !h) return Promise.resolve(null);
          canvas.width = w;
          canvas.height = h;
          ctx.drawImage(video, 0, 0, w, h);
          var code = window.jsQR(ctx.getImageData(0, 0, w, h).data, w, h, {
            inversionAttempts: 'attemptBoth',
          });
          return Promise.resolve(code ? code.data : null);
        };
      });
    });
  }

  function stop() {
    running = false;
    if (stream)
      stream.getTracks().forEach(function (t) {
        t.stop();
      });
    stream = null;
    video.hidden = true;
    stopButton.hidden = true;
    startButton.hidden = false;
  }

  function found(text) {
    stop();
    say('found');
    textarea.value = text;
    var form = textarea.form;
    if (form.requestSubmit) form.requestSubmit();
    else form.submit();
  }

  function loop(decode) {
    if (!running) return;
    decode().then(
      function (text) {
        if (text) found(text);
        else requestAnimationFrame(() => loop(decode));
      },
      function () {
        requestAnimationFrame(() => loop(decode));
      },
    );
  }

  startButton.addEventListener('click', function () {
    say('starting');
    media
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(function (s) {
        stream = s;
        running = true;
        video.srcObject = s;
        video.hidden = false;
        startButton.hidden = true;
        stopButton.hidden = false;
        return video.play().then(makeDecoder);
      })
      .then(function (decode) {
        say('looking');
        loop(decode);
      })
      .catch(function () {
        stop();
        say('failed');
      });
  });
  stopButton.addEventListener('click', function () {
    stop();
    say('stopped');
  });
})();
