/* The self-marking worksheet: checks answers against salted SHA-256 digests, marks them
   right or wrong, keeps the score, and shows an answer on request; keeps what the student
   wrote through a reload (in the browser's storage, where it may). No network, no
   libraries: SHA-256 is computed here (crypto.subtle is missing on file:// pages). */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("rp-data").textContent);
  var L = data.labels;

  var K = new Uint32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
    0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
    0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
    0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
    0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
    0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2]);

  function rotr(x, n) { return (x >>> n) | (x << (32 - n)); }

  function sha256(text) {
    var b = new TextEncoder().encode(text), l = b.length, i, t;
    var words = new Uint32Array(((l + 8) >> 6) * 16 + 16);
    for (i = 0; i < l; i++) { words[i >> 2] |= b[i] << (24 - (i & 3) * 8); }
    words[l >> 2] |= 0x80 << (24 - (l & 3) * 8);
    words[words.length - 1] = l * 8;
    words[words.length - 2] = Math.floor(l / 0x20000000);
    var h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f,
      0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
    var w = new Uint32Array(64);
    for (var j = 0; j < words.length; j += 16) {
      for (t = 0; t < 16; t++) { w[t] = words[j + t]; }
      for (t = 16; t < 64; t++) {
        var x = w[t - 15], y = w[t - 2];
        w[t] = w[t - 16] + (rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3)) + w[t - 7] +
          (rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10));
      }
      var a = h[0], c1 = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
      for (t = 0; t < 64; t++) {
        var t1 = (k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) +
          K[t] + w[t]) >>> 0;
        var t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & c1) ^ (a & c) ^ (c1 & c))) >>> 0;
        k = g; g = f; f = e; e = (d + t1) >>> 0; d = c; c = c1; c1 = a; a = (t1 + t2) >>> 0;
      }
      h[0] += a; h[1] += c1; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += k;
    }
    var hex = "";
    for (i = 0; i < 8; i++) { hex += ("00000000" + h[i].toString(16)).slice(-8); }
    return hex;
  }

  // Keep in step with revpack.writers.html.secret.normalise.
  var SP = "[ \\t\\n\\r\\f\\v\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]";
  var SINGLE = /[\u2018\u2019\u201a\u201b\u2032\u0060\u00b4]/g;
  var DOUBLE = /[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g;
  var DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212-]/g;
  var AROUND = new RegExp(SP + "*-" + SP + "*", "g");
  var SPACES = new RegExp(SP + "+", "g");
  var RELATIONS = {"=/=": "\u2260", "<=": "\u2264", "=<": "\u2264", ">=": "\u2265",
    "!=": "\u2260", "<>": "\u2260"};
  var EQUALS = new RegExp(SP + "*=" + SP + "*", "g");
  var CARETS = /_|(?<![0-9])\^|\^(?![-+\u2010-\u2015\u2212]?[0-9])/g;
  var POWER = /(?<=[0-9])[\u2070\u00b9\u00b2\u00b3\u2074-\u2079\u207a\u207b]+/g;
  var TIMES = /(?<=[0-9])(?: ?[\u00d7*\u00b7\u22c5] ?| [xX] | ?[xX] ?(?=10))(?=[0-9])/g;
  var FRACTION = /(?<=[0-9])(?=[\u00bd\u2153\u2154\u00bc\u00be\u2155-\u215e\u2150\u2151\u2152])/g;
  var PAUSES = new RegExp("[,;:](?=" + SP + "|$)", "g");
  var ARROW = new RegExp(SP + "*(<->|->|<-)" + SP + "*", "g");
  var AROUND_SLASH = /(?<=[\p{L}\p{Nl}\p{No}]) ?\/ ?(?=[\p{L}\p{Nl}\p{No}(\u00b0])/gu;
  var DEGREE_LIKE = /[\u00ba\u02da](?= ?[CcFf](?![\p{L}\p{Nl}\p{No}]))/gu;
  var RATIO = new RegExp("(?<=[0-9])" + SP + "*:" + SP + "*(?=[0-9])", "g");

  var ENDS = /^[ "']+|[ "']+$/g;
  var ENDS_SPACE = new RegExp("^" + SP + "+|" + SP + "+$", "g");

  function normalise(text, cased) {
    // (no soft hyphen, copied from the page's text; 'º' before NFKC, which makes it 'o')
    text = text.replace(/[\u00ad\u2060]/g, "").replace(DEGREE_LIKE, "\u00b0");
    text = text.replace(/<</g, "\u00ab").replace(/>>/g, "\u00bb");  // (guillemets typed '<<')
    text = text.replace(FRACTION, " ");
    text = text.replace(POWER, function (raised) { return "^" + raised.normalize("NFKC"); });
    text = text.normalize("NFKC").replace(/\u2044/g, "/");
    text = (cased ? text : text.toLowerCase()).replace(SINGLE, "'").replace(DOUBLE, "\"");
    // (thousands apart or not; where the language writes decimal commas, its thousands'
    // points go and a comma is read as the point a student may type: data.decimalComma)
    text = data.decimalComma ?
      text.replace(/(?<=[0-9])[. ](?=[0-9]{3}(?![0-9]))/g, "").replace(/(?<=[0-9]),(?=[0-9])/g, ".") :
      text.replace(/(?<=[0-9])[, ](?=[0-9]{3}(?![0-9]))/g, "");
    text = text.replace(/(?<![0-9.])\.(?=[0-9])/g, "0.");
    // ('3.0' is '3', '0.250' '0.25': a number written to more places; not a date '1.10.1918')
    text = text.replace(/(?<![0-9.])([0-9]+)\.([0-9]*?)0+(?![0-9.])/g, function (all, whole, places) {
      return places ? whole + "." + places : whole;
    });
    text = text.replace(/[\u2192\u27f6]/g, "->").replace(/\u2190/g, "<-");
    text = text.replace(/[\u21cc\u21c4\u2194\u27f7]/g, "<->").replace(/<=>/g, "<->");
    text = text.replace(ARROW, "$1");
    text = text.replace(/=\/=|<=|=<|>=|!=|<>/g, function (typed) { return RELATIONS[typed]; });
    text = text.replace(EQUALS, "=").replace(CARETS, "").replace(TIMES, "\u00d7");
    text = text.replace(RATIO, ":");  // ('6 : 1' is '6:1')
    text = text.replace(DASHES, "-").replace(AROUND, "-").replace(PAUSES, "").replace(SPACES, " ");
    text = text.replace(/ \u00b0/g, "\u00b0");  // ('J/kg°C' is 'J/kg °C')
    text = text.replace(AROUND_SLASH, "/");  // ('J / kg' is 'J/kg')
    text = text.replace(ENDS, "").replace(/[.!?,;:]+$/, "");
    text = text.replace(ENDS, "").replace(/^[\u00a1\u00bf]+/, "").replace(ENDS, "");
    // ('v = i r' is 'V = IR', 'x<=4' 'x ≤ 4')
    if (!/[=\u2264\u2265\u2260]|<(?!-(?![0-9]))|(?<!-)>/.test(text)) {
      // (nor in an expression: 'x^2+5x+6', '(x+2)(x+3)', '3√5')
      return /[+\u00f7\u221a]|\) ?\(/.test(text) ? text.replace(/ /g, "") : text;
    }
    // (a product of letters with a sign or none: 'v = f x lambda' and 'v = f*λ' are 'v = fλ')
    text = text.replace(/(?<=[\p{L}\p{N}]) x (?=[\p{L}\p{N}])/gu, "\u00d7");
    text = text.replace(
      /(?<=\p{L}) ?[\u00d7*\u00b7\u22c5] ?(?=[\p{L}\p{N}])|(?<=[\p{L}\p{N}]) ?[\u00d7*\u00b7\u22c5] ?(?=\p{L})/gu, "");
    return text.replace(/ /g, "");
  }

  function unveil(coded) {
    var raw = atob(coded), pad = new TextEncoder().encode(data.salt);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { bytes[i] = raw.charCodeAt(i) ^ pad[i % pad.length]; }
    return new TextDecoder().decode(bytes);
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, name) { return values[name]; });
  }

  function controls(key) {
    return document.querySelectorAll("[data-key=\"" + key + "\"]");
  }

  // Keep in step with revpack.writers.html.secret.alternatives: every form of `value` that
  // marking compares, the value itself, without a leading article ("die Kommunisten",
  // "the NATO", "l'Assemblée") and with its hyphens as spaces or dropped ("weak-acid" is
  // "weak acid"). An answer is right when a form of what is typed is a form of the answer.
  // (Python's letters are [\p{L}\p{Nl}\p{No}], its digits \p{Nd}; a hyphen between two
  // digits is a minus sign.)
  // A mathematical sign: an 'a' before one is a variable, not an article ('a ≠ b').
  var SIGN = /^[\p{Sm}\-*\/^]/u;
  var JOINED = /(?<=[\p{L}\p{Nl}\p{No}])-(?=[\p{L}\p{N}_])|(?<=\p{Nd})-(?=[\p{L}\p{Nl}\p{No}])/gu;

  // Keep in step with revpack.writers.keyboard.bare_capitals.
  function bareCapitals(value) {
    return Array.from(value).map(function (char) {
      return char !== char.toLowerCase() ? unaccented(char) : char;
    }).join("");
  }

  // Keep in step with revpack.writers.keyboard.compact: a number's unit short and joined
  // to it, no degree sign after a number ("5 kilometres", "5 km": "5km").
  // Keep in step with revpack.writers.keyboard.TWO_WORDS.
  var TWO_WORDS = /^[\p{L}\p{Nl}\p{No}]{3,} [\p{L}\p{Nl}\p{No}]{3,}$/u;
  var DEGREES = /(?<=[0-9]) ?\u00b0 ?/g;
  var NUMBER_SPACE = /(?<=[0-9]) (?=[\p{L}\p{Nl}\p{No}%])/gu;

  // ("£2m" is two million, "5 m" five metres, "£2 metres" no "£2m": keyboard.MONEY_M,
  // keyboard.MAGNITUDES.)
  var MONEY = "[£$€¥] ?[0-9][0-9.,]*";
  var MONEY_M = new RegExp("(" + MONEY + ") ?m(?![\\p{L}\\p{Nl}\\p{No}])", "gu");
  var MAGNITUDES = ["mn", "bn", "k", "md", "mio", "mrd"];

  function compact(text) {
    text = text.replace(MONEY_M, "$1mn");
    data.units.forEach(function (unit) {
      if (text.indexOf(unit[0]) >= 0) {
        var word = unit[0].replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        var pattern = new RegExp(
          "((?:" + MONEY + ")?)(?<=[0-9]) ?" + word + "(?![\\p{L}\\p{N}_])", "gu");
        var keep = MAGNITUDES.indexOf(unit[1]) < 0;
        text = text.replace(pattern, function (all, money) {
          return money && keep ? all : money + unit[1];
        });
      }
    });
    return text.replace(DEGREES, "").replace(NUMBER_SPACE, "");
  }

  // Keep in step with revpack.writers.typed_dates.bare.
  function unaccented(text) {
    // (a mark on a letter: '≠' is '=' with a stroke, and stays)
    return text.normalize("NFD").replace(/(\p{L})\p{M}+/gu, "$1").normalize("NFC");
  }

  // Keep in step with revpack.writers.html.secret.capitals_form and capitals_forms.
  function isCased(c) { return c.toLowerCase() !== c.toUpperCase(); }
  function isCapital(c) { return c !== c.toLowerCase(); }
  function noneCapital(list) { return !list.some(isCapital); }

  function capitalsForm(value) {
    var text = value.normalize("NFKC").replace(ENDS_SPACE, "");
    var letters = Array.from(text).filter(isCased);
    if (!letters.length) { return null; }
    var pattern = null;
    if (letters.length > 1 && letters.every(isCapital)) {
      pattern = "A";
    } else if (text.split(SPACES).filter(Boolean).every(function (word) {
      var cased = Array.from(word).filter(isCased);
      return !cased.length || (isCapital(cased[0]) && noneCapital(cased.slice(1)));
    })) {
      pattern = "T";
    } else if (isCapital(letters[0]) && noneCapital(letters.slice(1))) {
      pattern = "S";
    } else {
      return null;
    }
    return pattern + "\u001f" + normalise(bareCapitals(text));
  }

  function capitalsForms(answer) {
    var text = answer.normalize("NFKC").replace(ENDS_SPACE, "");
    function firstUp(word) {
      var chars = Array.from(word), at = chars.findIndex(isCased);
      if (at < 0) { return word; }
      return chars.slice(0, at).join("") + chars[at].toUpperCase() +
        chars.slice(at + 1).join("").toLowerCase();
    }
    var shapes = [text.toUpperCase(),
      text.split(SPACES).map(function (w) { return firstUp(w.toLowerCase()); }).join(" "),
      firstUp(text.toLowerCase())];
    var found = [];
    shapes.forEach(function (shape) {
      var form = capitalsForm(shape);
      if (form !== null && found.indexOf(form) < 0) { found.push(form); }
    });
    return found;
  }

  // Keep in step with revpack.writers.typed_dates: a date typed in the page's words, as
  // the day, month or year it names ("9.11.1918" and "9. November 1918": "1918-11-09").
  var DATE_SEPARATORS = /[ .,\/-]+/;
  var ORDINAL = /^([0-9]{1,2})(?:st|nd|rd|th|er|re|e|o|a|af|il|ydd|ed|fed|eg|ain)$/;
  var DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

  function spelt(text) {
    data.spellings.forEach(function (pair) { text = text.split(pair[0]).join(pair[1]); });
    return text;
  }

  function monthOf(word) {
    word = unaccented(word);
    if (Array.from(word).length < 3 || !/^\p{L}+$/u.test(word)) { return null; }
    var exact = {}, begins = {};
    data.months.forEach(function (month) {
      if (month[0] === word) { exact[month[1]] = true; }
      if (month[0].indexOf(word) === 0) { begins[month[1]] = true; }
    });
    var found = Object.keys(Object.keys(exact).length ? exact : begins);
    return found.length === 1 ? Number(found[0]) : null;
  }

  function datePart(part) {
    if (/^[0-9]+$/.test(part)) { return ["n", Number(part), part.length]; }
    var ordinal = ORDINAL.exec(part);
    if (ordinal) { return ["d", Number(ordinal[1]), ordinal[1].length]; }
    var month = monthOf(part);
    return month === null ? null : ["m", month, 0];
  }

  function padded(number, width) {
    var text = String(number);
    while (text.length < width) { text = "0" + text; }
    return text;
  }

  function dated(year, month, day) {
    if (month < 1 || month > 12) { return null; }
    if (day === undefined) { return padded(year, 4) + "-" + padded(month, 2); }
    var leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    var last = month === 2 && !leap ? 28 : DAYS[month - 1];
    if (day < 1 || day > last) { return null; }
    return padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2);
  }

  function dayOf(text) {
    text = text.replace(/(?<=[0-9])\.(?=[oa](?!\p{L}))/gu, "");  // ('1.º', folded '1.o', is '1o')
    var parts = text.split(DATE_SEPARATORS).filter(function (part) {
      return part && data.dateWords.indexOf(part) < 0;
    });
    var read = parts.map(datePart);
    if (!read.length || read.some(function (part) { return part === null; })) { return null; }
    var kinds = read.map(function (r) { return r[0]; }).join("");
    var v = read.map(function (r) { return r[1]; });
    var f = read.map(function (r) { return r[2]; });
    function year(at) { return kinds[at] === "n" && f[at] === 4 && v[at] >= 1000 && v[at] <= 2999; }
    function month(at) { return kinds[at] === "m" || (kinds[at] === "n" && f[at] <= 2); }
    function day(at) { return (kinds[at] === "n" || kinds[at] === "d") && f[at] <= 2; }
    if (kinds.length === 3 && day(0) && month(1) && year(2)) { return dated(v[2], v[1], v[0]); }
    if (kinds.length === 3 && kinds[0] === "m" && day(1) && year(2)) {
      return dated(v[2], v[0], v[1]);
    }
    if (kinds.length === 3 && year(0) && month(1) && day(2)) {
      return dated(v[0], v[1], v[2]);
    }
    if (kinds.length === 2 && month(0) && year(1)) { return dated(v[1], v[0]); }
    // (a year after a date word: 'in 1861', 'c. 1879' in a timeline's date box)
    if (kinds.length === 1 && year(0) && parts.length < text.split(DATE_SEPARATORS).filter(Boolean).length) {
      return padded(v[0], 4);
    }
    return null;
  }

  function typedDays(text, year) {
    var day = dayOf(text);
    if (day === null) { return []; }
    return (year ? [10, 7, 4] : [10, 7]).filter(function (n) {
      return n <= day.length;
    }).map(function (n) {
      return day.slice(0, n);
    });
  }

  // The forms of what is typed (the answers' own come from Python: secret.alternatives).
  function forms(value, articles, bare, cased, dated) {
    var bases = [normalise(value, cased)], found = [];
    if (bare) { bases.push(normalise(bareCapitals(value), cased)); }
    bases.forEach(function (text) {
      found.push(text);
      var space = text.indexOf(" ");
      // (never a variable before a sign: 'a ≠ b' is no '≠ b')
      if (space > 0 && space < text.length - 1 && !SIGN.test(text.slice(space + 1)) &&
          articles.indexOf(text.slice(0, space)) >= 0) {
        found.push(normalise(text.slice(space + 1), cased));
      }
      var quote = text.indexOf("'");
      if (quote > 0 && quote < text.length - 1 && !SIGN.test(text.slice(quote + 1)) &&
          articles.indexOf(text.slice(0, quote + 1)) >= 0) {
        found.push(normalise(text.slice(quote + 1), cased));
      }
    });
    found.slice().forEach(function (form) {
      if (form.search(JOINED) >= 0) {
        found.push(form.replace(JOINED, " "), form.replace(JOINED, ""));
      }
    });
    // (one word typed as two, where the language writes compounds both ways: data.split;
    // an answer of two words typed as one is among the answer's own forms)
    if (data.split) {
      found.slice().forEach(function (form) {
        if (TWO_WORDS.test(form)) { found.push(form.replace(" ", "")); }
      });
    }
    found.slice().forEach(function (form) { found.push(compact(form)); });
    if (data.accents) {
      found.slice().forEach(function (form) { found.push(unaccented(form)); });
    }
    if (!cased) {
      found.slice().forEach(function (form) { found.push(spelt(form)); });
      found.slice().forEach(function (form) {
        found.push.apply(found, typedDays(form, dated));
      });
    }
    if (bare && !cased) {
      var typedCapitals = capitalsForm(value);
      if (typedCapitals !== null) { found.push(typedCapitals); }
    }
    return found.filter(function (form, i) { return found.indexOf(form) === i; });
  }

  // Whether what is typed, in any of its forms, is one `accepts` takes: the one comparison
  // the marking and the word bank both make.
  // (`cased`: a formula's answer, marked in its capitals.)
  // (`dated`: a timeline's date box, where a date typed is right for its year.)
  function matches(value, accepts, cased, dated) {
    return value !== "" &&
      forms(value, data.articles, data.bare, cased, dated).some(accepts);
  }

  // Whether `value`, typed in `item`'s gap, has a form among `digests` (item.h: right).
  function typedAs(item, value, digests) {
    return matches(value, function (form) {
      return digests.indexOf(sha256(data.salt + "\n" + item.key + "\n" + form)) >= 0;
    }, item.c, item.d);
  }

  // Right as typed; or, where the box shows the answer's first letter (the support tier's
  // hint, "i…"), typed without it, as on paper, where the letter is printed and the student
  // writes the rest ("nternal energy" for "internal energy").
  function isRight(item) {
    var box = controls(item.key)[0];
    return typedAs(item, box.value, item.h) || typedAs(item, hinted(box), item.h);
  }

  function hinted(box) {
    var hint = (box.getAttribute("placeholder") || "").replace(/\u2026$/, "");
    var value = box.value.trim();
    if (!hint || !value || value.toLowerCase().indexOf(hint.toLowerCase()) === 0) { return ""; }
    return hint + value;
  }

  // Wrong, but right with a plural ending added or taken off ('groyne' for 'groynes').
  // Whether what is typed is one of `digests` (an answer right but for its ending: item.n;
  // or for its accents: item.a; or for its mutation: item.m).
  function isNear(item, digests) {
    return !!digests && typedAs(item, controls(item.key)[0].value, digests);
  }

  // Wrong by one letter left out, one too many, one wrong or two swapped ('Khruschev'
  // for 'Khrushchev'): item.t holds the short digests of the answer's forms with one
  // letter left out; what is typed is one of them, or is one of them (or a form of the
  // answer) with one of its own letters left out. Not when it is right for another gap of
  // the exercise: that is another word, not a slip.
  var LETTER = /\p{L}/u, LETTERS = /\p{L}/gu;
  function isSlip(item, exercise) {
    if (!item.t) { return false; }
    var value = controls(item.key)[0].value;
    var salted = data.salt + "\n" + item.key + "\n";
    function short(form) { return sha256(salted + form).slice(0, data.slipDigest); }
    var slip = forms(value, data.articles, data.bare, item.c, item.d).some(function (form) {
      // (as the answer's own: a word of so few letters is one letter from another word)
      if ((form.match(LETTERS) || []).length < data.slipLetters - 1) { return false; }
      if (item.t.indexOf(short(form)) >= 0) { return true; }
      for (var i = 0; i < form.length; i++) {
        if (!LETTER.test(form[i])) { continue; }  // (a letter left out, never a figure)
        var less = form.slice(0, i) + form.slice(i + 1);
        if (item.t.indexOf(short(less)) >= 0 || item.h.indexOf(sha256(salted + less)) >= 0) {
          return true;
        }
      }
      return false;
    });
    return slip && !exercise.items.some(function (other) {
      return other !== item && typedAs(other, value, other.h);
    });
  }

  // What a wrong answer is nearly right by, in words ('' when it is plain wrong).
  function nearly(item, exercise) {
    return isNear(item, item.n) ? L.nearly : isNear(item, item.a) ? L.nearly_accents :
      isNear(item, item.m) ? L.nearly_mutation : isSlip(item, exercise) ? L.nearly_spelling :
      "";
  }

  function mark(item, right, exercise) {
    var status = document.getElementById("s-" + item.key);
    var empty = !right && !controls(item.key)[0].value;
    controls(item.key).forEach(function (control) {
      control.classList.toggle("rp-right", right);
      control.classList.toggle("rp-wrong", !right && !empty);
      control.setAttribute("aria-invalid", right ? "false" : "true");
    });
    var near = !right && !empty && nearly(item, exercise);
    // (the mark is what the eye sees, the words what a screen reader says; nearly is both)
    status.firstChild.textContent =
      right ? "\u2713" : empty ? "?" : near ? "\u2717 " + near : "\u2717";
    status.lastChild.textContent = right ? L.right : empty ? L.unanswered : near || L.wrong;
    status.className = "rp-status " + (right ? "rp-ok" : empty ? "rp-empty" : "rp-no") +
      (near ? " rp-near" : "");
    var show = document.getElementById("r-" + item.key);
    show.hidden = right;
  }

  function unmark(item) {
    controls(item.key).forEach(function (control) {
      control.classList.remove("rp-right", "rp-wrong");
      control.removeAttribute("aria-invalid");
    });
    var status = document.getElementById("s-" + item.key);
    status.firstChild.textContent = "";
    status.lastChild.textContent = "";
    status.className = "rp-status";
    document.getElementById("r-" + item.key).hidden = true;
    var shown = document.getElementById("a-" + item.key);
    shown.textContent = "";
    shown.hidden = true;
  }

  function check(exercise) {
    var right = 0;
    exercise.items.forEach(function (item) {
      var ok = isRight(item);
      mark(item, ok, exercise);
      if (ok) { right += 1; }
    });
    var total = exercise.items.length;
    document.getElementById("score-" + exercise.id).textContent =
      fill(L.score, {right: right, total: total});
    document.getElementById("again-" + exercise.id).hidden = right === total;
    return right;
  }

  function tryAgain(exercise) {
    var first = null;
    exercise.items.forEach(function (item) {
      var wrong = !isRight(item);
      // (an answer 'nearly' right stays, to mend its ending or accents, not type again)
      var near = wrong && nearly(item, exercise) !== "";
      unmark(item);
      if (wrong && near) {
        if (!first) { first = controls(item.key)[0]; }
      } else if (wrong) {
        controls(item.key).forEach(function (control) {
          control.value = "";
          if (control.tagName === "INPUT") { fit(control); }
        });
        if (!first) { first = controls(item.key)[0]; }
      }
    });
    document.getElementById("score-" + exercise.id).textContent = "";
    document.getElementById("again-" + exercise.id).hidden = true;
    updateBank();
    save();
    if (first) { first.focus(); }
  }

  function reveal(item) {
    var shown = document.getElementById("a-" + item.key);
    shown.textContent = fill(L.answer, {answer: unveil(item.r)});
    shown.hidden = false;
    document.getElementById("r-" + item.key).hidden = true;
    shown.focus();
  }

  // A word of the bank is crossed out once a gap holds it, compared as marking compares
  // (so "a salt." uses "salt"); each typed answer uses one word.
  function updateBank() {
    var bank = document.querySelector(".rp-bank");
    if (!bank) { return; }
    var typed = [];
    var seen = {};
    document.querySelectorAll("input[data-gap]").forEach(function (input) {
      var key = input.getAttribute("data-key");
      if (seen[key] || !input.value) { return; }
      seen[key] = true;
      typed.push(input.value);
    });
    // (each word with the forms marking accepts for its answer, data-forms, and whether
    // they are marked in their capitals, data-cased: the bank crosses out a word exactly
    // when marking would take what is typed for it)
    var words = Array.prototype.map.call(bank.querySelectorAll("li"), function (word) {
      return {li: word, forms: JSON.parse(word.getAttribute("data-forms")),
        cased: word.hasAttribute("data-cased"), used: false};
    });
    typed.forEach(function (value) {
      var word = words.filter(function (w) {
        return !w.used && matches(value, function (form) {
          return w.forms.indexOf(form) >= 0;
        }, w.cased);
      })[0];
      if (word) { word.used = true; }
    });
    words.forEach(function (word) {
      word.li.classList.toggle("rp-used", word.used);
      word.li.querySelector(".rp-sr").textContent = word.used ? " (" + L.used + ")" : "";
    });
  }

  // A box widens to show all that is typed in it (its stylesheet keeps it within the line)
  // and goes back to its own width when what is typed fits again.
  function fit(input) {
    input.style.width = "";
    if (input.value && input.scrollWidth > input.clientWidth) {
      var borders = input.offsetWidth - input.clientWidth;
      input.style.width = (input.scrollWidth + borders + 2) + "px";
    }
  }

  // This page's entry in the browser's storage: a digest of its title and its marking
  // data (its salt, which is the class's, student's and seed's, and each item's answers),
  // so that a page rebuilt with other gaps starts empty, but one whose teacher mended a
  // word outside the gaps keeps what its students typed.
  var place = "revpack-answers:" + sha256(document.title + "\n" +
    document.getElementById("rp-data").textContent);

  // What is typed in one blank of a gap shows in its other blanks too.
  function mirror(input) {
    controls(input.getAttribute("data-key")).forEach(function (other) {
      if (other !== input) { other.value = input.value; }
      fit(other);
    });
  }

  // A text area's words are copied for print (a printed text area would cut them off).
  function copy(area) {
    document.getElementById(area.getAttribute("data-print")).textContent = area.value;
    area.parentNode.classList.toggle("rp-filled", area.value.trim() !== "");
  }

  // Enter in a box moves on, as a phone keyboard's "Next" does: to the exercise's next box
  // (a gap's other blanks, which repeat the first, are passed over), after its last one to
  // its Check button.
  function next(input) {
    var section = input.closest(".rp-exercise");
    if (!section) { return; }
    var later = Array.prototype.filter.call(
      section.querySelectorAll("input[data-key]"),
      function (other) {
        return other.id === other.getAttribute("data-key") &&
          (input.compareDocumentPosition(other) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
      });
    var target = later[0] || section.querySelector(".rp-tools .rp-button");
    if (target) { target.focus(); }
  }

  document.querySelectorAll("input[data-key]").forEach(function (input) {
    fit(input);
    input.addEventListener("input", function () {
      mirror(input);
      if (input.hasAttribute("data-gap")) { updateBank(); }
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.isComposing) {
        event.preventDefault();
        next(input);
      }
    });
  });

  document.querySelectorAll("textarea[data-print], select[data-print]").forEach(function (area) {
    area.addEventListener("input", function () { copy(area); });
    area.addEventListener("change", function () { copy(area); });
  });

  // What the student has written and chosen is kept in the browser's storage, so that a
  // reload (or a phone dropping the tab) loses nothing: only the answers, never whether
  // they were right. The entry is this page's own: named by a digest of the page as written
  // (title, class, student, seed, every gap and its answers), so that another page, or this
  // one rebuilt with other gaps, never takes it. Where storage is refused (some browsers'
  // file:// pages, private windows) the page works as before without it.
  function storage() {
    try {
      var store = window.localStorage;
      store.getItem(place);
      return store;
    } catch (error) {
      return null;
    }
  }

  function fields() {
    return document.querySelectorAll(
      "main input[type=text][id], main select[id], main textarea[id]");
  }

  // Every page opened from disk shares one storage: a year of sheets would fill it. A
  // browser keeps the answers of the KEPT_PAGES pages written in last; when the storage is
  // full all the same, the older half of the others go, and the answers are kept again.
  var KEPT_PAGES = 100, PREFIX = "revpack-answers:";

  function prune(store, keep) {
    var others = [];
    for (var i = 0; i < store.length; i++) {
      var name = store.key(i);
      if (name && name.indexOf(PREFIX) === 0 && name !== place) {
        var at = 0;
        try { at = Number(JSON.parse(store.getItem(name))._at) || 0; } catch (error) { at = 0; }
        others.push({at: at, name: name});
      }
    }
    others.sort(function (a, b) { return a.at - b.at; });
    others.slice(0, Math.max(0, others.length - keep)).forEach(function (other) {
      store.removeItem(other.name);
    });
    return others.length;
  }

  function save() {
    var store = storage();
    if (!store) { return; }
    var kept = {}, any = false;
    fields().forEach(function (field) {
      var key = field.getAttribute("data-key");
      if (field.value && (!key || key === field.id)) { kept[field.id] = field.value; any = true; }
    });
    if (!any) {
      try { store.removeItem(place); } catch (error) { /* refused: nothing kept */ }
      return;
    }
    kept._at = Date.now();
    try {
      if (store.getItem(place) === null) { prune(store, KEPT_PAGES - 1); }
      store.setItem(place, JSON.stringify(kept));
    } catch (error) {
      try {
        var others = prune(store, Infinity);
        prune(store, Math.floor(others / 2));
        store.setItem(place, JSON.stringify(kept));
      } catch (again) {
        // still full, or refused: the answers stay on the page, unkept
      }
    }
  }

  function restore() {
    var store = storage(), kept = null;
    try {
      kept = store && JSON.parse(store.getItem(place) || "null");
    } catch (error) {
      kept = null;
    }
    if (!kept || typeof kept !== "object") { return; }
    fields().forEach(function (field) {
      var value = kept[field.id];
      if (typeof value !== "string" || field.value) { return; }
      if (field.tagName === "SELECT" &&
          !Array.prototype.some.call(field.options, function (o) { return o.value === value; })) {
        return;
      }
      field.value = value;
      if (field.hasAttribute("data-key")) { mirror(field); }
      if (field.hasAttribute("data-print")) { copy(field); }
    });
    updateBank();
  }

  document.addEventListener("input", save);
  document.addEventListener("change", save);

  // An answer changed after Check is no longer marked: its tick or cross went with the
  // answer it was given for.
  // The exercise's score goes with it: it counted that answer's mark.
  var items = {}, exerciseOf = {};
  data.exercises.forEach(function (exercise) {
    exercise.items.forEach(function (item) {
      items[item.key] = item;
      exerciseOf[item.key] = exercise;
    });
  });
  function changed(event) {
    var key = event.target.getAttribute && event.target.getAttribute("data-key");
    var item = key && items[key];
    if (item && document.getElementById("s-" + key).className !== "rp-status") {
      unmark(item);
      document.getElementById("score-" + exerciseOf[key].id).textContent = "";
      document.getElementById("score-all").textContent = "";
    }
  }
  document.addEventListener("input", changed);
  document.addEventListener("change", changed);

  data.exercises.forEach(function (exercise) {
    document.getElementById("check-" + exercise.id).addEventListener("click", function () {
      check(exercise);
    });
    document.getElementById("again-" + exercise.id).addEventListener("click", function () {
      tryAgain(exercise);
    });
    exercise.items.forEach(function (item) {
      document.getElementById("r-" + item.key).addEventListener("click", function () {
        reveal(item);
      });
    });
  });

  document.querySelectorAll("button[data-notes]").forEach(function (button) {
    button.addEventListener("click", function () {
      var box = document.getElementById(button.getAttribute("aria-controls"));
      if (box.hidden && !box.firstChild) { box.innerHTML = unveil(button.getAttribute("data-notes")); }
      box.hidden = !box.hidden;
      button.setAttribute("aria-expanded", box.hidden ? "false" : "true");
    });
  });

  var all = document.getElementById("check-all");
  if (all) {
    all.addEventListener("click", function () {
      var right = 0, total = 0;
      data.exercises.forEach(function (exercise) {
        right += check(exercise);
        total += exercise.items.length;
      });
      document.getElementById("score-all").textContent = fill(L.total, {right: right, total: total});
    });
  }

  // Clear my answers: every box and choice of the page emptied (the name line kept),
  // every mark and score gone, and the page's entry in the storage with them.
  document.getElementById("clear-all").addEventListener("click", function () {
    if (!window.confirm(L.clear_confirm)) { return; }
    fields().forEach(function (field) {
      if (field.closest(".rp-nameline")) { return; }
      field.value = "";
      if (field.tagName === "INPUT") { fit(field); }
      if (field.hasAttribute("data-print")) { copy(field); }
    });
    data.exercises.forEach(function (exercise) {
      exercise.items.forEach(unmark);
      document.getElementById("score-" + exercise.id).textContent = "";
      document.getElementById("again-" + exercise.id).hidden = true;
    });
    document.getElementById("score-all").textContent = "";
    updateBank();
    save();
  });

  restore();

  window.revpack = {sha256: sha256, normalise: normalise, forms: forms, place: place,
    capitalsForm: capitalsForm, capitalsForms: capitalsForms, dayOf: dayOf};
  document.documentElement.classList.add("rp-js");
}());
