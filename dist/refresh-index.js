/******/ (() => { // webpackBootstrap
/******/ 	var __webpack_modules__ = ({

/***/ 770:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

module.exports = __nccwpck_require__(218);


/***/ }),

/***/ 218:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

"use strict";
var __webpack_unused_export__;


var net = __nccwpck_require__(278);
var tls = __nccwpck_require__(756);
var http = __nccwpck_require__(611);
var https = __nccwpck_require__(692);
var events = __nccwpck_require__(434);
var assert = __nccwpck_require__(613);
var util = __nccwpck_require__(23);


exports.httpOverHttp = httpOverHttp;
exports.httpsOverHttp = httpsOverHttp;
exports.httpOverHttps = httpOverHttps;
exports.httpsOverHttps = httpsOverHttps;


function httpOverHttp(options) {
  var agent = new TunnelingAgent(options);
  agent.request = http.request;
  return agent;
}

function httpsOverHttp(options) {
  var agent = new TunnelingAgent(options);
  agent.request = http.request;
  agent.createSocket = createSecureSocket;
  agent.defaultPort = 443;
  return agent;
}

function httpOverHttps(options) {
  var agent = new TunnelingAgent(options);
  agent.request = https.request;
  return agent;
}

function httpsOverHttps(options) {
  var agent = new TunnelingAgent(options);
  agent.request = https.request;
  agent.createSocket = createSecureSocket;
  agent.defaultPort = 443;
  return agent;
}


function TunnelingAgent(options) {
  var self = this;
  self.options = options || {};
  self.proxyOptions = self.options.proxy || {};
  self.maxSockets = self.options.maxSockets || http.Agent.defaultMaxSockets;
  self.requests = [];
  self.sockets = [];

  self.on('free', function onFree(socket, host, port, localAddress) {
    var options = toOptions(host, port, localAddress);
    for (var i = 0, len = self.requests.length; i < len; ++i) {
      var pending = self.requests[i];
      if (pending.host === options.host && pending.port === options.port) {
        // Detect the request to connect same origin server,
        // reuse the connection.
        self.requests.splice(i, 1);
        pending.request.onSocket(socket);
        return;
      }
    }
    socket.destroy();
    self.removeSocket(socket);
  });
}
util.inherits(TunnelingAgent, events.EventEmitter);

TunnelingAgent.prototype.addRequest = function addRequest(req, host, port, localAddress) {
  var self = this;
  var options = mergeOptions({request: req}, self.options, toOptions(host, port, localAddress));

  if (self.sockets.length >= this.maxSockets) {
    // We are over limit so we'll add it to the queue.
    self.requests.push(options);
    return;
  }

  // If we are under maxSockets create a new one.
  self.createSocket(options, function(socket) {
    socket.on('free', onFree);
    socket.on('close', onCloseOrRemove);
    socket.on('agentRemove', onCloseOrRemove);
    req.onSocket(socket);

    function onFree() {
      self.emit('free', socket, options);
    }

    function onCloseOrRemove(err) {
      self.removeSocket(socket);
      socket.removeListener('free', onFree);
      socket.removeListener('close', onCloseOrRemove);
      socket.removeListener('agentRemove', onCloseOrRemove);
    }
  });
};

TunnelingAgent.prototype.createSocket = function createSocket(options, cb) {
  var self = this;
  var placeholder = {};
  self.sockets.push(placeholder);

  var connectOptions = mergeOptions({}, self.proxyOptions, {
    method: 'CONNECT',
    path: options.host + ':' + options.port,
    agent: false,
    headers: {
      host: options.host + ':' + options.port
    }
  });
  if (options.localAddress) {
    connectOptions.localAddress = options.localAddress;
  }
  if (connectOptions.proxyAuth) {
    connectOptions.headers = connectOptions.headers || {};
    connectOptions.headers['Proxy-Authorization'] = 'Basic ' +
        new Buffer(connectOptions.proxyAuth).toString('base64');
  }

  debug('making CONNECT request');
  var connectReq = self.request(connectOptions);
  connectReq.useChunkedEncodingByDefault = false; // for v0.6
  connectReq.once('response', onResponse); // for v0.6
  connectReq.once('upgrade', onUpgrade);   // for v0.6
  connectReq.once('connect', onConnect);   // for v0.7 or later
  connectReq.once('error', onError);
  connectReq.end();

  function onResponse(res) {
    // Very hacky. This is necessary to avoid http-parser leaks.
    res.upgrade = true;
  }

  function onUpgrade(res, socket, head) {
    // Hacky.
    process.nextTick(function() {
      onConnect(res, socket, head);
    });
  }

  function onConnect(res, socket, head) {
    connectReq.removeAllListeners();
    socket.removeAllListeners();

    if (res.statusCode !== 200) {
      debug('tunneling socket could not be established, statusCode=%d',
        res.statusCode);
      socket.destroy();
      var error = new Error('tunneling socket could not be established, ' +
        'statusCode=' + res.statusCode);
      error.code = 'ECONNRESET';
      options.request.emit('error', error);
      self.removeSocket(placeholder);
      return;
    }
    if (head.length > 0) {
      debug('got illegal response body from proxy');
      socket.destroy();
      var error = new Error('got illegal response body from proxy');
      error.code = 'ECONNRESET';
      options.request.emit('error', error);
      self.removeSocket(placeholder);
      return;
    }
    debug('tunneling connection has established');
    self.sockets[self.sockets.indexOf(placeholder)] = socket;
    return cb(socket);
  }

  function onError(cause) {
    connectReq.removeAllListeners();

    debug('tunneling socket could not be established, cause=%s\n',
          cause.message, cause.stack);
    var error = new Error('tunneling socket could not be established, ' +
                          'cause=' + cause.message);
    error.code = 'ECONNRESET';
    options.request.emit('error', error);
    self.removeSocket(placeholder);
  }
};

TunnelingAgent.prototype.removeSocket = function removeSocket(socket) {
  var pos = this.sockets.indexOf(socket)
  if (pos === -1) {
    return;
  }
  this.sockets.splice(pos, 1);

  var pending = this.requests.shift();
  if (pending) {
    // If we have pending requests and a socket gets closed a new one
    // needs to be created to take over in the pool for the one that closed.
    this.createSocket(pending, function(socket) {
      pending.request.onSocket(socket);
    });
  }
};

function createSecureSocket(options, cb) {
  var self = this;
  TunnelingAgent.prototype.createSocket.call(self, options, function(socket) {
    var hostHeader = options.request.getHeader('host');
    var tlsOptions = mergeOptions({}, self.options, {
      socket: socket,
      servername: hostHeader ? hostHeader.replace(/:.*$/, '') : options.host
    });

    // 0 is dummy port for v0.6
    var secureSocket = tls.connect(0, tlsOptions);
    self.sockets[self.sockets.indexOf(socket)] = secureSocket;
    cb(secureSocket);
  });
}


function toOptions(host, port, localAddress) {
  if (typeof host === 'string') { // since v0.10
    return {
      host: host,
      port: port,
      localAddress: localAddress
    };
  }
  return host; // for v0.11 or later
}

function mergeOptions(target) {
  for (var i = 1, len = arguments.length; i < len; ++i) {
    var overrides = arguments[i];
    if (typeof overrides === 'object') {
      var keys = Object.keys(overrides);
      for (var j = 0, keyLen = keys.length; j < keyLen; ++j) {
        var k = keys[j];
        if (overrides[k] !== undefined) {
          target[k] = overrides[k];
        }
      }
    }
  }
  return target;
}


var debug;
if (process.env.NODE_DEBUG && /\btunnel\b/.test(process.env.NODE_DEBUG)) {
  debug = function() {
    var args = Array.prototype.slice.call(arguments);
    if (typeof args[0] === 'string') {
      args[0] = 'TUNNEL: ' + args[0];
    } else {
      args.unshift('TUNNEL:');
    }
    console.error.apply(console, args);
  }
} else {
  debug = function() {};
}
__webpack_unused_export__ = debug; // for test


/***/ }),

/***/ 613:
/***/ ((module) => {

"use strict";
module.exports = require("assert");

/***/ }),

/***/ 434:
/***/ ((module) => {

"use strict";
module.exports = require("events");

/***/ }),

/***/ 611:
/***/ ((module) => {

"use strict";
module.exports = require("http");

/***/ }),

/***/ 692:
/***/ ((module) => {

"use strict";
module.exports = require("https");

/***/ }),

/***/ 278:
/***/ ((module) => {

"use strict";
module.exports = require("net");

/***/ }),

/***/ 756:
/***/ ((module) => {

"use strict";
module.exports = require("tls");

/***/ }),

/***/ 23:
/***/ ((module) => {

"use strict";
module.exports = require("util");

/***/ })

/******/ 	});
/************************************************************************/
/******/ 	// The module cache
/******/ 	var __webpack_module_cache__ = {};
/******/ 	
/******/ 	// The require function
/******/ 	function __nccwpck_require__(moduleId) {
/******/ 		// Check if module is in cache
/******/ 		var cachedModule = __webpack_module_cache__[moduleId];
/******/ 		if (cachedModule !== undefined) {
/******/ 			return cachedModule.exports;
/******/ 		}
/******/ 		// Create a new module (and put it into the cache)
/******/ 		var module = __webpack_module_cache__[moduleId] = {
/******/ 			// no module.id needed
/******/ 			// no module.loaded needed
/******/ 			exports: {}
/******/ 		};
/******/ 	
/******/ 		// Execute the module function
/******/ 		var threw = true;
/******/ 		try {
/******/ 			__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 			threw = false;
/******/ 		} finally {
/******/ 			if(threw) delete __webpack_module_cache__[moduleId];
/******/ 		}
/******/ 	
/******/ 		// Return the exports of the module
/******/ 		return module.exports;
/******/ 	}
/******/ 	
/************************************************************************/
/******/ 	/* webpack/runtime/asset-relocator-loader */
/******/ 	if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = __dirname + "/";
/******/ 	
/******/ 	/* webpack/runtime/create fake namespace object */
/******/ 	(() => {
/******/ 		var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 		var leafPrototypes;
/******/ 		// create a fake namespace object
/******/ 		// mode & 1: value is a module id, require it
/******/ 		// mode & 2: merge all properties of value into the ns
/******/ 		// mode & 4: return value when already ns object
/******/ 		// mode & 16: return value when it's Promise-like
/******/ 		// mode & 8|1: behave like require
/******/ 		__nccwpck_require__.t = function(value, mode) {
/******/ 			if(mode & 1) value = this(value);
/******/ 			if(mode & 8) return value;
/******/ 			if(typeof value === 'object' && value) {
/******/ 				if((mode & 4) && value.__esModule) return value;
/******/ 				if((mode & 16) && typeof value.then === 'function') return value;
/******/ 			}
/******/ 			var ns = Object.create(null);
/******/ 			__nccwpck_require__.r(ns);
/******/ 			var def = {};
/******/ 			leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 			for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 				Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 			}
/******/ 			def['default'] = () => (value);
/******/ 			__nccwpck_require__.d(ns, def);
/******/ 			return ns;
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/define property getters */
/******/ 	(() => {
/******/ 		// define getter functions for harmony exports
/******/ 		__nccwpck_require__.d = (exports, definition) => {
/******/ 			for(var key in definition) {
/******/ 				if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 					Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 				}
/******/ 			}
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/hasOwnProperty shorthand */
/******/ 	(() => {
/******/ 		__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/make namespace object */
/******/ 	(() => {
/******/ 		// define __esModule on exports
/******/ 		__nccwpck_require__.r = (exports) => {
/******/ 			if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 				Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 			}
/******/ 			Object.defineProperty(exports, '__esModule', { value: true });
/******/ 		};
/******/ 	})();
/******/ 	
/************************************************************************/
var __webpack_exports__ = {};
// This entry need to be wrapped in an IIFE because it need to be in strict mode.
(() => {
"use strict";
// ESM COMPAT FLAG
__nccwpck_require__.r(__webpack_exports__);

// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  runHelper: () => (/* binding */ runHelper)
});

// EXTERNAL MODULE: external "http"
var external_http_ = __nccwpck_require__(611);
var external_http_namespaceObject = /*#__PURE__*/__nccwpck_require__.t(external_http_, 2);
// EXTERNAL MODULE: external "https"
var external_https_ = __nccwpck_require__(692);
var external_https_namespaceObject = /*#__PURE__*/__nccwpck_require__.t(external_https_, 2);
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/proxy.js
function getProxyUrl(reqUrl) {
    const usingSsl = reqUrl.protocol === 'https:';
    if (checkBypass(reqUrl)) {
        return undefined;
    }
    const proxyVar = (() => {
        if (usingSsl) {
            return process.env['https_proxy'] || process.env['HTTPS_PROXY'];
        }
        else {
            return process.env['http_proxy'] || process.env['HTTP_PROXY'];
        }
    })();
    if (proxyVar) {
        try {
            return new DecodedURL(proxyVar);
        }
        catch (_a) {
            if (!proxyVar.startsWith('http://') && !proxyVar.startsWith('https://'))
                return new DecodedURL(`http://${proxyVar}`);
        }
    }
    else {
        return undefined;
    }
}
function checkBypass(reqUrl) {
    if (!reqUrl.hostname) {
        return false;
    }
    const reqHost = reqUrl.hostname;
    if (isLoopbackAddress(reqHost)) {
        return true;
    }
    const noProxy = process.env['no_proxy'] || process.env['NO_PROXY'] || '';
    if (!noProxy) {
        return false;
    }
    // Determine the request port
    let reqPort;
    if (reqUrl.port) {
        reqPort = Number(reqUrl.port);
    }
    else if (reqUrl.protocol === 'http:') {
        reqPort = 80;
    }
    else if (reqUrl.protocol === 'https:') {
        reqPort = 443;
    }
    // Format the request hostname and hostname with port
    const upperReqHosts = [reqUrl.hostname.toUpperCase()];
    if (typeof reqPort === 'number') {
        upperReqHosts.push(`${upperReqHosts[0]}:${reqPort}`);
    }
    // Compare request host against noproxy
    for (const upperNoProxyItem of noProxy
        .split(',')
        .map(x => x.trim().toUpperCase())
        .filter(x => x)) {
        if (upperNoProxyItem === '*' ||
            upperReqHosts.some(x => x === upperNoProxyItem ||
                x.endsWith(`.${upperNoProxyItem}`) ||
                (upperNoProxyItem.startsWith('.') &&
                    x.endsWith(`${upperNoProxyItem}`)))) {
            return true;
        }
    }
    return false;
}
function isLoopbackAddress(host) {
    const hostLower = host.toLowerCase();
    return (hostLower === 'localhost' ||
        hostLower.startsWith('127.') ||
        hostLower.startsWith('[::1]') ||
        hostLower.startsWith('[0:0:0:0:0:0:0:1]'));
}
class DecodedURL extends URL {
    constructor(url, base) {
        super(url, base);
        this._decodedUsername = decodeURIComponent(super.username);
        this._decodedPassword = decodeURIComponent(super.password);
    }
    get username() {
        return this._decodedUsername;
    }
    get password() {
        return this._decodedPassword;
    }
}
//# sourceMappingURL=proxy.js.map
// EXTERNAL MODULE: ./node_modules/tunnel/index.js
var tunnel = __nccwpck_require__(770);
;// CONCATENATED MODULE: ./scripts/bundle-stubs/undici.ts
/**
 * Stands in for undici in dist/ only (see scripts/bundle.mjs and bench/README.md).
 * @actions/http-client imports ProxyAgent solely for getAgentDispatcher(), which neither this
 * action nor core.getIDToken calls: proxies go through http-client's `tunnel` agent. Reaching
 * this class would mean a dependency changed; it fails loudly rather than go without a proxy.
 */
class ProxyAgent {
    constructor() {
        throw new Error('undici is not bundled in this action (scripts/bundle-stubs/undici.ts): ' +
            'something called HttpClient.getAgentDispatcher()');
    }
}

;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/index.js
/* eslint-disable @typescript-eslint/no-explicit-any */
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};





var HttpCodes;
(function (HttpCodes) {
    HttpCodes[HttpCodes["OK"] = 200] = "OK";
    HttpCodes[HttpCodes["MultipleChoices"] = 300] = "MultipleChoices";
    HttpCodes[HttpCodes["MovedPermanently"] = 301] = "MovedPermanently";
    HttpCodes[HttpCodes["ResourceMoved"] = 302] = "ResourceMoved";
    HttpCodes[HttpCodes["SeeOther"] = 303] = "SeeOther";
    HttpCodes[HttpCodes["NotModified"] = 304] = "NotModified";
    HttpCodes[HttpCodes["UseProxy"] = 305] = "UseProxy";
    HttpCodes[HttpCodes["SwitchProxy"] = 306] = "SwitchProxy";
    HttpCodes[HttpCodes["TemporaryRedirect"] = 307] = "TemporaryRedirect";
    HttpCodes[HttpCodes["PermanentRedirect"] = 308] = "PermanentRedirect";
    HttpCodes[HttpCodes["BadRequest"] = 400] = "BadRequest";
    HttpCodes[HttpCodes["Unauthorized"] = 401] = "Unauthorized";
    HttpCodes[HttpCodes["PaymentRequired"] = 402] = "PaymentRequired";
    HttpCodes[HttpCodes["Forbidden"] = 403] = "Forbidden";
    HttpCodes[HttpCodes["NotFound"] = 404] = "NotFound";
    HttpCodes[HttpCodes["MethodNotAllowed"] = 405] = "MethodNotAllowed";
    HttpCodes[HttpCodes["NotAcceptable"] = 406] = "NotAcceptable";
    HttpCodes[HttpCodes["ProxyAuthenticationRequired"] = 407] = "ProxyAuthenticationRequired";
    HttpCodes[HttpCodes["RequestTimeout"] = 408] = "RequestTimeout";
    HttpCodes[HttpCodes["Conflict"] = 409] = "Conflict";
    HttpCodes[HttpCodes["Gone"] = 410] = "Gone";
    HttpCodes[HttpCodes["TooManyRequests"] = 429] = "TooManyRequests";
    HttpCodes[HttpCodes["InternalServerError"] = 500] = "InternalServerError";
    HttpCodes[HttpCodes["NotImplemented"] = 501] = "NotImplemented";
    HttpCodes[HttpCodes["BadGateway"] = 502] = "BadGateway";
    HttpCodes[HttpCodes["ServiceUnavailable"] = 503] = "ServiceUnavailable";
    HttpCodes[HttpCodes["GatewayTimeout"] = 504] = "GatewayTimeout";
})(HttpCodes || (HttpCodes = {}));
var Headers;
(function (Headers) {
    Headers["Accept"] = "accept";
    Headers["ContentType"] = "content-type";
})(Headers || (Headers = {}));
var MediaTypes;
(function (MediaTypes) {
    MediaTypes["ApplicationJson"] = "application/json";
})(MediaTypes || (MediaTypes = {}));
/**
 * Returns the proxy URL, depending upon the supplied url and proxy environment variables.
 * @param serverUrl  The server URL where the request will be sent. For example, https://api.github.com
 */
function lib_getProxyUrl(serverUrl) {
    const proxyUrl = pm.getProxyUrl(new URL(serverUrl));
    return proxyUrl ? proxyUrl.href : '';
}
const HttpRedirectCodes = [
    HttpCodes.MovedPermanently,
    HttpCodes.ResourceMoved,
    HttpCodes.SeeOther,
    HttpCodes.TemporaryRedirect,
    HttpCodes.PermanentRedirect
];
const HttpResponseRetryCodes = [
    HttpCodes.BadGateway,
    HttpCodes.ServiceUnavailable,
    HttpCodes.GatewayTimeout
];
const RetryableHttpVerbs = ['OPTIONS', 'GET', 'DELETE', 'HEAD'];
const ExponentialBackoffCeiling = 10;
const ExponentialBackoffTimeSlice = 5;
class HttpClientError extends Error {
    constructor(message, statusCode) {
        super(message);
        this.name = 'HttpClientError';
        this.statusCode = statusCode;
        Object.setPrototypeOf(this, HttpClientError.prototype);
    }
}
class HttpClientResponse {
    constructor(message) {
        this.message = message;
    }
    readBody() {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve) => __awaiter(this, void 0, void 0, function* () {
                let output = Buffer.alloc(0);
                this.message.on('data', (chunk) => {
                    output = Buffer.concat([output, chunk]);
                });
                this.message.on('end', () => {
                    resolve(output.toString());
                });
            }));
        });
    }
    readBodyBuffer() {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve) => __awaiter(this, void 0, void 0, function* () {
                const chunks = [];
                this.message.on('data', (chunk) => {
                    chunks.push(chunk);
                });
                this.message.on('end', () => {
                    resolve(Buffer.concat(chunks));
                });
            }));
        });
    }
}
function isHttps(requestUrl) {
    const parsedUrl = new URL(requestUrl);
    return parsedUrl.protocol === 'https:';
}
class HttpClient {
    constructor(userAgent, handlers, requestOptions) {
        this._ignoreSslError = false;
        this._allowRedirects = true;
        this._allowRedirectDowngrade = false;
        this._maxRedirects = 50;
        this._allowRetries = false;
        this._maxRetries = 1;
        this._keepAlive = false;
        this._disposed = false;
        this.userAgent = this._getUserAgentWithOrchestrationId(userAgent);
        this.handlers = handlers || [];
        this.requestOptions = requestOptions;
        if (requestOptions) {
            if (requestOptions.ignoreSslError != null) {
                this._ignoreSslError = requestOptions.ignoreSslError;
            }
            this._socketTimeout = requestOptions.socketTimeout;
            if (requestOptions.allowRedirects != null) {
                this._allowRedirects = requestOptions.allowRedirects;
            }
            if (requestOptions.allowRedirectDowngrade != null) {
                this._allowRedirectDowngrade = requestOptions.allowRedirectDowngrade;
            }
            if (requestOptions.maxRedirects != null) {
                this._maxRedirects = Math.max(requestOptions.maxRedirects, 0);
            }
            if (requestOptions.keepAlive != null) {
                this._keepAlive = requestOptions.keepAlive;
            }
            if (requestOptions.allowRetries != null) {
                this._allowRetries = requestOptions.allowRetries;
            }
            if (requestOptions.maxRetries != null) {
                this._maxRetries = requestOptions.maxRetries;
            }
        }
    }
    options(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('OPTIONS', requestUrl, null, additionalHeaders || {});
        });
    }
    get(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('GET', requestUrl, null, additionalHeaders || {});
        });
    }
    del(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('DELETE', requestUrl, null, additionalHeaders || {});
        });
    }
    post(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('POST', requestUrl, data, additionalHeaders || {});
        });
    }
    patch(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('PATCH', requestUrl, data, additionalHeaders || {});
        });
    }
    put(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('PUT', requestUrl, data, additionalHeaders || {});
        });
    }
    head(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('HEAD', requestUrl, null, additionalHeaders || {});
        });
    }
    sendStream(verb, requestUrl, stream, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request(verb, requestUrl, stream, additionalHeaders);
        });
    }
    /**
     * Gets a typed object from an endpoint
     * Be aware that not found returns a null.  Other errors (4xx, 5xx) reject the promise
     */
    getJson(requestUrl_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, additionalHeaders = {}) {
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            const res = yield this.get(requestUrl, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    postJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.post(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    putJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.put(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    patchJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.patch(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    /**
     * Makes a raw http request.
     * All other methods such as get, post, patch, and request ultimately call this.
     * Prefer get, del, post and patch
     */
    request(verb, requestUrl, data, headers) {
        return __awaiter(this, void 0, void 0, function* () {
            if (this._disposed) {
                throw new Error('Client has already been disposed.');
            }
            const parsedUrl = new URL(requestUrl);
            let info = this._prepareRequest(verb, parsedUrl, headers);
            // Only perform retries on reads since writes may not be idempotent.
            const maxTries = this._allowRetries && RetryableHttpVerbs.includes(verb)
                ? this._maxRetries + 1
                : 1;
            let numTries = 0;
            let response;
            do {
                response = yield this.requestRaw(info, data);
                // Check if it's an authentication challenge
                if (response &&
                    response.message &&
                    response.message.statusCode === HttpCodes.Unauthorized) {
                    let authenticationHandler;
                    for (const handler of this.handlers) {
                        if (handler.canHandleAuthentication(response)) {
                            authenticationHandler = handler;
                            break;
                        }
                    }
                    if (authenticationHandler) {
                        return authenticationHandler.handleAuthentication(this, info, data);
                    }
                    else {
                        // We have received an unauthorized response but have no handlers to handle it.
                        // Let the response return to the caller.
                        return response;
                    }
                }
                let redirectsRemaining = this._maxRedirects;
                while (response.message.statusCode &&
                    HttpRedirectCodes.includes(response.message.statusCode) &&
                    this._allowRedirects &&
                    redirectsRemaining > 0) {
                    const redirectUrl = response.message.headers['location'];
                    if (!redirectUrl) {
                        // if there's no location to redirect to, we won't
                        break;
                    }
                    const parsedRedirectUrl = new URL(redirectUrl);
                    if (parsedUrl.protocol === 'https:' &&
                        parsedUrl.protocol !== parsedRedirectUrl.protocol &&
                        !this._allowRedirectDowngrade) {
                        throw new Error('Redirect from HTTPS to HTTP protocol. This downgrade is not allowed for security reasons. If you want to allow this behavior, set the allowRedirectDowngrade option to true.');
                    }
                    // we need to finish reading the response before reassigning response
                    // which will leak the open socket.
                    yield response.readBody();
                    // strip authorization header if redirected to a different hostname
                    if (parsedRedirectUrl.hostname !== parsedUrl.hostname) {
                        for (const header in headers) {
                            // header names are case insensitive
                            if (header.toLowerCase() === 'authorization') {
                                delete headers[header];
                            }
                        }
                    }
                    // let's make the request with the new redirectUrl
                    info = this._prepareRequest(verb, parsedRedirectUrl, headers);
                    response = yield this.requestRaw(info, data);
                    redirectsRemaining--;
                }
                if (!response.message.statusCode ||
                    !HttpResponseRetryCodes.includes(response.message.statusCode)) {
                    // If not a retry code, return immediately instead of retrying
                    return response;
                }
                numTries += 1;
                if (numTries < maxTries) {
                    yield response.readBody();
                    yield this._performExponentialBackoff(numTries);
                }
            } while (numTries < maxTries);
            return response;
        });
    }
    /**
     * Needs to be called if keepAlive is set to true in request options.
     */
    dispose() {
        if (this._agent) {
            this._agent.destroy();
        }
        this._disposed = true;
    }
    /**
     * Raw request.
     * @param info
     * @param data
     */
    requestRaw(info, data) {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve, reject) => {
                function callbackForResult(err, res) {
                    if (err) {
                        reject(err);
                    }
                    else if (!res) {
                        // If `err` is not passed, then `res` must be passed.
                        reject(new Error('Unknown error'));
                    }
                    else {
                        resolve(res);
                    }
                }
                this.requestRawWithCallback(info, data, callbackForResult);
            });
        });
    }
    /**
     * Raw request with callback.
     * @param info
     * @param data
     * @param onResult
     */
    requestRawWithCallback(info, data, onResult) {
        if (typeof data === 'string') {
            if (!info.options.headers) {
                info.options.headers = {};
            }
            info.options.headers['Content-Length'] = Buffer.byteLength(data, 'utf8');
        }
        let callbackCalled = false;
        function handleResult(err, res) {
            if (!callbackCalled) {
                callbackCalled = true;
                onResult(err, res);
            }
        }
        const req = info.httpModule.request(info.options, (msg) => {
            const res = new HttpClientResponse(msg);
            handleResult(undefined, res);
        });
        let socket;
        req.on('socket', sock => {
            socket = sock;
        });
        // If we ever get disconnected, we want the socket to timeout eventually
        req.setTimeout(this._socketTimeout || 3 * 60000, () => {
            if (socket) {
                socket.end();
            }
            handleResult(new Error(`Request timeout: ${info.options.path}`));
        });
        req.on('error', function (err) {
            // err has statusCode property
            // res should have headers
            handleResult(err);
        });
        if (data && typeof data === 'string') {
            req.write(data, 'utf8');
        }
        if (data && typeof data !== 'string') {
            data.on('close', function () {
                req.end();
            });
            data.pipe(req);
        }
        else {
            req.end();
        }
    }
    /**
     * Gets an http agent. This function is useful when you need an http agent that handles
     * routing through a proxy server - depending upon the url and proxy environment variables.
     * @param serverUrl  The server URL where the request will be sent. For example, https://api.github.com
     */
    getAgent(serverUrl) {
        const parsedUrl = new URL(serverUrl);
        return this._getAgent(parsedUrl);
    }
    getAgentDispatcher(serverUrl) {
        const parsedUrl = new URL(serverUrl);
        const proxyUrl = getProxyUrl(parsedUrl);
        const useProxy = proxyUrl && proxyUrl.hostname;
        if (!useProxy) {
            return;
        }
        return this._getProxyAgentDispatcher(parsedUrl, proxyUrl);
    }
    _prepareRequest(method, requestUrl, headers) {
        const info = {};
        info.parsedUrl = requestUrl;
        const usingSsl = info.parsedUrl.protocol === 'https:';
        info.httpModule = usingSsl ? external_https_namespaceObject : external_http_namespaceObject;
        const defaultPort = usingSsl ? 443 : 80;
        info.options = {};
        info.options.host = info.parsedUrl.hostname;
        info.options.port = info.parsedUrl.port
            ? parseInt(info.parsedUrl.port)
            : defaultPort;
        info.options.path =
            (info.parsedUrl.pathname || '') + (info.parsedUrl.search || '');
        info.options.method = method;
        info.options.headers = this._mergeHeaders(headers);
        if (this.userAgent != null) {
            info.options.headers['user-agent'] = this.userAgent;
        }
        info.options.agent = this._getAgent(info.parsedUrl);
        // gives handlers an opportunity to participate
        if (this.handlers) {
            for (const handler of this.handlers) {
                handler.prepareRequest(info.options);
            }
        }
        return info;
    }
    _mergeHeaders(headers) {
        if (this.requestOptions && this.requestOptions.headers) {
            return Object.assign({}, lowercaseKeys(this.requestOptions.headers), lowercaseKeys(headers || {}));
        }
        return lowercaseKeys(headers || {});
    }
    /**
     * Gets an existing header value or returns a default.
     * Handles converting number header values to strings since HTTP headers must be strings.
     * Note: This returns string | string[] since some headers can have multiple values.
     * For headers that must always be a single string (like Content-Type), use the
     * specialized _getExistingOrDefaultContentTypeHeader method instead.
     */
    _getExistingOrDefaultHeader(additionalHeaders, header, _default) {
        let clientHeader;
        if (this.requestOptions && this.requestOptions.headers) {
            const headerValue = lowercaseKeys(this.requestOptions.headers)[header];
            if (headerValue) {
                clientHeader =
                    typeof headerValue === 'number' ? headerValue.toString() : headerValue;
            }
        }
        const additionalValue = additionalHeaders[header];
        if (additionalValue !== undefined) {
            return typeof additionalValue === 'number'
                ? additionalValue.toString()
                : additionalValue;
        }
        if (clientHeader !== undefined) {
            return clientHeader;
        }
        return _default;
    }
    /**
     * Specialized version of _getExistingOrDefaultHeader for Content-Type header.
     * Always returns a single string (not an array) since Content-Type should be a single value.
     * Converts arrays to comma-separated strings and numbers to strings to ensure type safety.
     * This was split from _getExistingOrDefaultHeader to provide stricter typing for callers
     * that assign the result to places expecting a string (e.g., additionalHeaders[Headers.ContentType]).
     */
    _getExistingOrDefaultContentTypeHeader(additionalHeaders, _default) {
        let clientHeader;
        if (this.requestOptions && this.requestOptions.headers) {
            const headerValue = lowercaseKeys(this.requestOptions.headers)[Headers.ContentType];
            if (headerValue) {
                if (typeof headerValue === 'number') {
                    clientHeader = String(headerValue);
                }
                else if (Array.isArray(headerValue)) {
                    clientHeader = headerValue.join(', ');
                }
                else {
                    clientHeader = headerValue;
                }
            }
        }
        const additionalValue = additionalHeaders[Headers.ContentType];
        // Return the first non-undefined value, converting numbers or arrays to strings if necessary
        if (additionalValue !== undefined) {
            if (typeof additionalValue === 'number') {
                return String(additionalValue);
            }
            else if (Array.isArray(additionalValue)) {
                return additionalValue.join(', ');
            }
            else {
                return additionalValue;
            }
        }
        if (clientHeader !== undefined) {
            return clientHeader;
        }
        return _default;
    }
    _getAgent(parsedUrl) {
        let agent;
        const proxyUrl = getProxyUrl(parsedUrl);
        const useProxy = proxyUrl && proxyUrl.hostname;
        if (this._keepAlive && useProxy) {
            agent = this._proxyAgent;
        }
        if (!useProxy) {
            agent = this._agent;
        }
        // if agent is already assigned use that agent.
        if (agent) {
            return agent;
        }
        const usingSsl = parsedUrl.protocol === 'https:';
        let maxSockets = 100;
        if (this.requestOptions) {
            maxSockets = this.requestOptions.maxSockets || external_http_.globalAgent.maxSockets;
        }
        // This is `useProxy` again, but we need to check `proxyURl` directly for TypeScripts's flow analysis.
        if (proxyUrl && proxyUrl.hostname) {
            const agentOptions = {
                maxSockets,
                keepAlive: this._keepAlive,
                proxy: Object.assign(Object.assign({}, ((proxyUrl.username || proxyUrl.password) && {
                    proxyAuth: `${proxyUrl.username}:${proxyUrl.password}`
                })), { host: proxyUrl.hostname, port: proxyUrl.port })
            };
            let tunnelAgent;
            const overHttps = proxyUrl.protocol === 'https:';
            if (usingSsl) {
                tunnelAgent = overHttps ? tunnel.httpsOverHttps : tunnel.httpsOverHttp;
            }
            else {
                tunnelAgent = overHttps ? tunnel.httpOverHttps : tunnel.httpOverHttp;
            }
            agent = tunnelAgent(agentOptions);
            this._proxyAgent = agent;
        }
        // if tunneling agent isn't assigned create a new agent
        if (!agent) {
            const options = { keepAlive: this._keepAlive, maxSockets };
            agent = usingSsl ? new external_https_.Agent(options) : new external_http_.Agent(options);
            this._agent = agent;
        }
        if (usingSsl && this._ignoreSslError) {
            // we don't want to set NODE_TLS_REJECT_UNAUTHORIZED=0 since that will affect request for entire process
            // http.RequestOptions doesn't expose a way to modify RequestOptions.agent.options
            // we have to cast it to any and change it directly
            agent.options = Object.assign(agent.options || {}, {
                rejectUnauthorized: false
            });
        }
        return agent;
    }
    _getProxyAgentDispatcher(parsedUrl, proxyUrl) {
        let proxyAgent;
        if (this._keepAlive) {
            proxyAgent = this._proxyAgentDispatcher;
        }
        // if agent is already assigned use that agent.
        if (proxyAgent) {
            return proxyAgent;
        }
        const usingSsl = parsedUrl.protocol === 'https:';
        proxyAgent = new ProxyAgent(Object.assign({ uri: proxyUrl.href, pipelining: !this._keepAlive ? 0 : 1 }, ((proxyUrl.username || proxyUrl.password) && {
            token: `Basic ${Buffer.from(`${proxyUrl.username}:${proxyUrl.password}`).toString('base64')}`
        })));
        this._proxyAgentDispatcher = proxyAgent;
        if (usingSsl && this._ignoreSslError) {
            // we don't want to set NODE_TLS_REJECT_UNAUTHORIZED=0 since that will affect request for entire process
            // http.RequestOptions doesn't expose a way to modify RequestOptions.agent.options
            // we have to cast it to any and change it directly
            proxyAgent.options = Object.assign(proxyAgent.options.requestTls || {}, {
                rejectUnauthorized: false
            });
        }
        return proxyAgent;
    }
    _getUserAgentWithOrchestrationId(userAgent) {
        const baseUserAgent = userAgent || 'actions/http-client';
        const orchId = process.env['ACTIONS_ORCHESTRATION_ID'];
        if (orchId) {
            // Sanitize the orchestration ID to ensure it contains only valid characters
            // Valid characters: 0-9, a-z, _, -, .
            const sanitizedId = orchId.replace(/[^a-z0-9_.-]/gi, '_');
            return `${baseUserAgent} actions_orchestration_id/${sanitizedId}`;
        }
        return baseUserAgent;
    }
    _performExponentialBackoff(retryNumber) {
        return __awaiter(this, void 0, void 0, function* () {
            retryNumber = Math.min(ExponentialBackoffCeiling, retryNumber);
            const ms = ExponentialBackoffTimeSlice * Math.pow(2, retryNumber);
            return new Promise(resolve => setTimeout(() => resolve(), ms));
        });
    }
    _processResponse(res, options) {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve, reject) => __awaiter(this, void 0, void 0, function* () {
                const statusCode = res.message.statusCode || 0;
                const response = {
                    statusCode,
                    result: null,
                    headers: {}
                };
                // not found leads to null obj returned
                if (statusCode === HttpCodes.NotFound) {
                    resolve(response);
                }
                // get the result from the body
                function dateTimeDeserializer(key, value) {
                    if (typeof value === 'string') {
                        const a = new Date(value);
                        if (!isNaN(a.valueOf())) {
                            return a;
                        }
                    }
                    return value;
                }
                let obj;
                let contents;
                try {
                    contents = yield res.readBody();
                    if (contents && contents.length > 0) {
                        if (options && options.deserializeDates) {
                            obj = JSON.parse(contents, dateTimeDeserializer);
                        }
                        else {
                            obj = JSON.parse(contents);
                        }
                        response.result = obj;
                    }
                    response.headers = res.message.headers;
                }
                catch (err) {
                    // Invalid resource (contents not json);  leaving result obj null
                }
                // note that 3xx redirects are handled by the http layer.
                if (statusCode > 299) {
                    let msg;
                    // if exception/error in body, attempt to get better error
                    if (obj && obj.message) {
                        msg = obj.message;
                    }
                    else if (contents && contents.length > 0) {
                        // it may be the case that the exception is in the body message as string
                        msg = contents;
                    }
                    else {
                        msg = `Failed request: (${statusCode})`;
                    }
                    const err = new HttpClientError(msg, statusCode);
                    err.result = response.result;
                    reject(err);
                }
                else {
                    resolve(response);
                }
            }));
        });
    }
}
const lowercaseKeys = (obj) => Object.keys(obj).reduce((c, k) => ((c[k.toLowerCase()] = obj[k]), c), {});
//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ./src/deadline.ts
/** Time limits: on a promise that cannot be cancelled itself, and on one request within a step's. */
/**
 * Settles like `work`, or rejects with `onTimeout()` after `ms`, whichever comes first. The timer
 * is cleared either way. `onTimeout` may also release what `work` holds (sockets, say).
 */
async function withDeadline(work, ms, onTimeout) {
    let timer;
    const deadline = new Promise((_, reject) => {
        timer = setTimeout(() => reject(onTimeout()), ms);
    });
    try {
        return await Promise.race([work, deadline]);
    }
    finally {
        clearTimeout(timer);
    }
}
/**
 * The time limit of one request: its own (`timeout-seconds`), or what is left until the step's
 * deadline if that is less (at least 1 ms: the caller checks the deadline before it sends).
 */
function requestTimeoutMs(ownMs, deadlineAtMs, nowMs) {
    return Math.max(1, Math.min(ownMs, deadlineAtMs - nowMs));
}

;// CONCATENATED MODULE: ./src/error-message.ts
/**
 * The message of anything thrown. Not `instanceof Error`: errors from node's own modules may come
 * from another realm (as under jest's module sandbox), and libraries sometimes throw plain values.
 */
function errorMessage(error) {
    if (error && typeof error === 'object' && 'message' in error) {
        const { message, code } = error;
        const text = String(message);
        return typeof code === 'string' && !text.includes(code) ? `${text} (${code})` : text;
    }
    return String(error);
}

;// CONCATENATED MODULE: ./src/print-gate.ts
/**
 * The one gate between text from outside and GitHub's runner. The runner reads a step's output as
 * commands: `::name::data` at the start of a line, `##[name]data` anywhere in one, and a line ends
 * at LF, CR or CRLF; `stop-commands` would even turn later masks into plain text. Anything a
 * server, a claim, an input or a library said must therefore never reach the log, an annotation or
 * the job summary as it is.
 *
 * Only this module can make a `LogText` or a `Markdown`, and ActionsIO prints nothing else. Both
 * are built with tagged templates: the template is our own source, every interpolated value is
 * outside text and is neutralised (for the summary, also escaped as Markdown).
 */
const LINE_BREAKS = {
    '\r\n': '\\r\\n',
    '\r': '\\r',
    '\n': '\\n',
    '\u0085': '\\u0085',
    '\u2028': '\\u2028',
    '\u2029': '\\u2029'
};
/* eslint-disable no-control-regex */
const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/g;
/** CSI (ESC [ or C1 0x9b) and OSC (ESC ]) sequences, then any other ESC pair. */
const ANSI_ESCAPE = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]?/g;
/** Other C0 and C1 controls and DEL; a tab becomes a space. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/* eslint-enable no-control-regex */
/** Bidirectional overrides and isolates, which make text read other than it is. */
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** The legacy command form, honoured anywhere in a line. */
const LEGACY_COMMAND = /##\[/g;
/** The command form, honoured at a line start after whitespace (as .NET's Trim sees it). */
const COMMAND_AT_LINE_START = /^([\s\ufeff]*):(?=:)/gm;
/** One line of outside text that the runner cannot read as anything but text. */
function neutralise(value) {
    return breakCommands(value
        .replace(LINE_BREAK, (lineBreak) => LINE_BREAKS[lineBreak] ?? ' ')
        .replace(ANSI_ESCAPE, '')
        .replace(/\t/g, ' ')
        .replace(CONTROL, '')
        .replace(BIDI_CONTROL, ''));
}
/** The runner's two command forms broken up: `##[` anywhere, `::` at a line start. */
function breakCommands(text) {
    return text.replace(LEGACY_COMMAND, '## [').replace(COMMAND_AT_LINE_START, '$1: ');
}
/** Only this module holds the key to making gate output. */
const GATE = Symbol('print gate');
/** Text the runner may print: our own templates, outside values neutralised. */
class LogText {
    text;
    constructor(key, text) {
        if (key !== GATE)
            throw new Error('LogText is made only by the print gate');
        // a last pass over the composed text: a value may start a line of the template, or finish a
        // `##[` the template began
        this.text = breakCommands(text);
    }
}
/** A value in a template: earlier gate output as it is, anything else as one neutralised line. */
function asLogText(value) {
    return value instanceof LogText ? value.text : neutralise(String(value));
}
/** log`Cloudsmith said: ${said}`: the template is trusted, every value is neutralised. */
function log(template, ...values) {
    return new LogText(GATE, interleave(template, values.map(asLogText)));
}
/** The given lines, one under the other; undefined ones are left out. */
function joinLines(lines) {
    return new LogText(GATE, lines
        .filter((line) => line !== undefined)
        .map((line) => line.text)
        .join('\n'));
}
/** Job summary Markdown: our own templates, outside values shown as code spans. */
class Markdown {
    markdown;
    constructor(key, markdown) {
        this.markdown = markdown;
        if (key !== GATE)
            throw new Error('Markdown is made only by the print gate');
    }
}
/**
 * Outside text as a Markdown code span: nothing inside one renders as a link, an autolink, an
 * image, HTML or emphasis. The delimiter is longer than any backtick run in the text. A table
 * row is split at every `|` not escaped by an odd run of backslashes (`\\|` is an escaped
 * backslash, then a cell border), so each `|` gets the backslashes that make its run odd.
 */
function codeSpan(value) {
    const text = neutralise(value).replace(/(\\*)\|/g, (_all, run) => run.length % 2 === 0 ? `${run}\\|` : `${run}\\\\|`);
    if (text === '')
        return '';
    const delimiter = '`'.repeat(longestBacktickRun(text) + 1);
    const pad = /^[` ]|[` ]$/.test(text) ? ' ' : '';
    return `${delimiter}${pad}${text}${pad}${delimiter}`;
}
/** gfm`| Organization | ${org} |`: the template is trusted Markdown, values become code spans. */
function gfm(template, ...values) {
    return new Markdown(GATE, interleave(template, values.map((value) => value instanceof Markdown
        ? value.markdown
        : codeSpan(value instanceof LogText ? value.text : String(value)))));
}
/**
 * A Markdown link to `url`, or only the label when `url` is not a plain http(s) URL: nothing in
 * it may end the link early, open HTML or carry a line break. The caller builds `url` from values
 * it checked; this is the last guard.
 */
function markdownLink(label, url) {
    if (!/^https?:\/\/[A-Za-z0-9._~:/?#@!$&'*+,;=%-]+$/.test(url) || /[()]/.test(url))
        return label;
    return new Markdown(GATE, `[${label.markdown}](${url})`);
}
/** Markdown parts, one per line. */
function joinMarkdown(parts) {
    return new Markdown(GATE, parts.map((part) => part.markdown).join('\n'));
}
/** Gate output as a fenced code block: a fence longer than any backtick run inside it. */
function codeBlock(text, language = 'text') {
    const fence = '`'.repeat(Math.max(3, longestBacktickRun(text.text) + 1));
    return new Markdown(GATE, `${fence}${language}\n${text.text}\n${fence}`);
}
function longestBacktickRun(text) {
    return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}
function interleave(template, values) {
    return template.reduce((out, part, index) => out + (index > 0 ? values[index - 1] : '') + part);
}

;// CONCATENATED MODULE: ./src/redact.ts
/**
 * The one place that decides what may be shown of text that came from or goes to a server. It
 * works on the text as the log will show it (after the print gate has dropped control characters,
 * and with characters no one sees left out), and cuts from it anything shaped like a JWT and every
 * run of 16 or more characters that also occurs in a known secret (the ID token, the key, the
 * runner's request token, a proxy password), also when the run is split by characters that occur
 * in no secret (spaces, say). The rest is bounded in length.
 */

/** A JWT, or any part of one: a base64url JSON object ("eyJ") and what follows it. */
const JWT_SHAPE = /eyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*)*/g;
const EXCERPT_MAX_CHARS = 300;
/** Runs this long that a secret also holds are cut out of outside text. */
const SECRET_RUN = 16;
/** A secret shorter than SECRET_RUN is cut where it occurs whole, if it has at least this many. */
const SHORT_SECRET_MIN = 6;
/** Line breaks, white space and NEL: an excerpt is one line. */
const WHITE_SPACE = /[\s\u0085]+/g;
/** Characters no one sees (zero-width spaces, soft hyphens, joiners, fillers). */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;
// eslint-disable-next-line no-control-regex
const HAS_NON_ASCII = /[^\u0000-\u007f]/;
/** Outside text as one line the way the log shows it: what redaction must look at. */
function visible(text) {
    const line = neutralise(text.replace(WHITE_SPACE, ' '));
    // most text holds none: testing first spares the slower replace
    return HAS_NON_ASCII.test(line) ? line.replace(INVISIBLE, '') : line;
}
/**
 * The 16-character runs of known secrets, for cutting them out of any text. Built once per set of
 * secrets: a rolling hash of every run, so checking a text costs a few arithmetic operations per
 * character, and a real comparison only where a hash matches.
 */
class SecretRuns {
    runs = new Set();
    hashes = new Set();
    whole = [];
    /** Every UTF-16 unit some secret holds; text is compared with all others left out. */
    alphabet = new Set();
    constructor(secrets) {
        for (const secret of new Set(secrets)) {
            if (secret.length < SHORT_SECRET_MIN)
                continue;
            for (let index = 0; index < secret.length; index++)
                this.alphabet.add(secret.charCodeAt(index));
            if (secret.length < SECRET_RUN) {
                this.whole.push(secret);
                continue;
            }
            forEachRun(secret, (start, hash) => {
                this.hashes.add(hash);
                this.runs.add(secret.slice(start, start + SECRET_RUN));
            });
        }
    }
    /** `text` with every run of a secret replaced by `***`. */
    cut(text) {
        if (this.alphabet.size === 0)
            return text;
        // the characters a secret could hold, and where each stands in `text`
        const at = [];
        const kept = [];
        for (let index = 0; index < text.length; index++) {
            if (this.alphabet.has(text.charCodeAt(index))) {
                at.push(index);
                kept.push(text[index]);
            }
        }
        const compact = kept.join('');
        const hidden = new Uint8Array(text.length);
        const hide = (from, length) => {
            hidden.fill(1, at[from], at[from + length - 1] + 1);
        };
        forEachRun(compact, (start, hash) => {
            if (this.hashes.has(hash) && this.runs.has(compact.slice(start, start + SECRET_RUN))) {
                hide(start, SECRET_RUN);
            }
        });
        for (const secret of this.whole) {
            for (let found = compact.indexOf(secret); found >= 0; found = compact.indexOf(secret, found + 1)) {
                hide(found, secret.length);
            }
        }
        if (!hidden.includes(1))
            return text;
        const parts = [];
        let from = 0;
        while (from < text.length) {
            const start = hidden.indexOf(1, from);
            if (start < 0) {
                parts.push(text.slice(from));
                break;
            }
            const end = hidden.indexOf(0, start);
            parts.push(text.slice(from, start), '***');
            from = end < 0 ? text.length : end;
        }
        return parts.join('');
    }
}
const HASH_BASE = 31;
/** HASH_BASE to the power SECRET_RUN - 1, in 32-bit arithmetic. */
const HASH_TOP = Array.from({ length: SECRET_RUN - 1 }).reduce((power) => Math.imul(power, HASH_BASE), 1);
/** Calls `visit` with the start and a rolling 32-bit hash of every SECRET_RUN-unit run of `text`. */
function forEachRun(text, visit) {
    let hash = 0;
    for (let index = 0; index < text.length; index++) {
        if (index >= SECRET_RUN) {
            hash = (hash - Math.imul(text.charCodeAt(index - SECRET_RUN), HASH_TOP)) | 0;
        }
        hash = (Math.imul(hash, HASH_BASE) + text.charCodeAt(index)) | 0;
        if (index >= SECRET_RUN - 1)
            visit(index - SECRET_RUN + 1, hash);
    }
}
let cached;
function secretRuns(secrets) {
    const key = secrets.join('\u0000');
    if (cached?.key !== key)
        cached = { key, runs: new SecretRuns(secrets) };
    return cached.runs;
}
/**
 * Outside text as the log will show it, without JWTs and without any run of a known secret. The
 * result is neutralised already; the print gate may neutralise it again without change.
 */
function redact(text, secrets = []) {
    return secretRuns(secrets).cut(visible(text)).replace(JWT_SHAPE, '***');
}
/** A one-line, token-free, bounded excerpt of outside text (a body, a header, a name). */
function excerpt(body, secrets = [], maxChars = EXCERPT_MAX_CHARS) {
    const flat = redact(body, secrets).replace(/ {2,}/g, ' ').trim();
    if (flat === '')
        return '(empty body)';
    return flat.length > maxChars ? `${flat.slice(0, maxChars)}… (${flat.length} characters)` : flat;
}
/**
 * A URL (or what was meant as one) named without what may be a credential: user information
 * becomes `***@`, a query `?***`, a fragment `#***`. Works on text that does not parse, too: all
 * before the last `@` is hidden, whatever its shape.
 */
function withoutCredentials(url) {
    const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(url)?.[0] ?? '';
    let rest = url.slice(scheme.length);
    const at = rest.lastIndexOf('@');
    if (at >= 0)
        rest = `***${rest.slice(at)}`;
    rest = rest.replace(/[?#][^]*$/, (cut) => `${cut[0]}***`);
    return `${scheme}${rest}`;
}

;// CONCATENATED MODULE: ./src/transport-fault.ts
/**
 * Network failures that no retry can mend, told apart from passing trouble: a TLS certificate the
 * runner does not trust (self-signed, expired, for another host, or replaced by a TLS-inspecting
 * proxy) and a proxy that refuses to open the tunnel (407, 403). They fail at once, under a name
 * of their own, instead of being retried and reported as "cannot reach".
 */

/** A final network failure: the request never reached the server's answer. */
class TransportRefusedError extends Error {
    fault;
    host;
    name = 'TransportRefusedError';
    constructor(fault, 
    /** host:port the request was for, when the caller knows it. */
    host, message, options) {
        super(message, options);
        this.fault = fault;
        this.host = host;
    }
}
/** Node's (OpenSSL's) codes for a certificate it will not accept. */
const TLS_CODES = new Set([
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
    'CERT_SIGNATURE_FAILURE',
    'CERT_NOT_YET_VALID',
    'CERT_HAS_EXPIRED',
    'CERT_REVOKED',
    'CERT_UNTRUSTED',
    'CERT_REJECTED',
    'INVALID_CA',
    'ERR_TLS_CERT_ALTNAME_INVALID',
    'HOSTNAME_MISMATCH'
]);
/**
 * The same failures as their messages say them, for errors that kept only the text (the ID token
 * client wraps every failure into a message).
 */
const TLS_MESSAGE = /self[- ]signed certificate|unable to verify the first certificate|unable to get (?:local )?issuer certificate|certificate has expired|certificate is not yet valid|certificate signature failure|Hostname\/IP does not match certificate's altnames|certificate revoked/i;
/** What http-client's tunnel agent throws when the proxy answers CONNECT with another status. */
const TUNNEL_REFUSED = /tunneling socket could not be established, statusCode=(\d{3})/;
/** The final fault in `error`, or undefined when it is worth another attempt or unknown. */
function finalTransportFault(error) {
    const code = errorCode(error);
    const message = errorMessage(error);
    if (code !== undefined && TLS_CODES.has(code))
        return { kind: 'tls', code };
    const tunnel = TUNNEL_REFUSED.exec(message);
    if (tunnel)
        return { kind: 'proxy', status: Number(tunnel[1]) };
    if (TLS_MESSAGE.test(message))
        return { kind: 'tls', code };
    return undefined;
}
function errorCode(error) {
    const code = error && typeof error === 'object' ? error.code : undefined;
    return typeof code === 'string' ? code : undefined;
}
/** NODE_TLS_REJECT_UNAUTHORIZED=0: Node checks no certificate in this process. */
class CertificateChecksOffError extends Error {
    name = 'CertificateChecksOffError';
}
/**
 * Refuses to run when Node's certificate checks are turned off for the whole process: the ID
 * token would go to whoever answers for api-url, and a key would come from there.
 */
function requireCertificateChecks(env) {
    if (env.NODE_TLS_REJECT_UNAUTHORIZED === '0') {
        throw new CertificateChecksOffError('NODE_TLS_REJECT_UNAUTHORIZED is 0');
    }
}
/** Node's modules whose NODE_DEBUG output shows requests: their headers, with the key in them. */
const REQUEST_DEBUG_MODULES = ['http', 'https', 'net', 'tls', 'http2', 'undici', 'fetch'];
/** NODE_DEBUG names a module that prints request headers (the key, the runner's token) on stderr. */
class RequestDebugOnError extends Error {
    modules;
    name = 'RequestDebugOnError';
    constructor(modules) {
        super(`NODE_DEBUG turns on Node's debug output for ${modules.join(', ')}`);
        this.modules = modules;
    }
}
/**
 * Refuses to run when NODE_DEBUG makes Node print what goes over the wire: the request options
 * with their headers (X-Api-Key, the bearer token for the ID token) would reach the log.
 */
function requireQuietRequests(env) {
    const modules = nodeDebugModules(env.NODE_DEBUG ?? '', REQUEST_DEBUG_MODULES);
    if (modules.length > 0)
        throw new RequestDebugOnError(modules);
}
/**
 * Which of `modules` NODE_DEBUG turns on, read as Node reads it: names separated by commas, `*`
 * for any run of characters, case ignored, nothing trimmed.
 */
function nodeDebugModules(value, modules) {
    if (value === '')
        return [];
    const pattern = value
        .replace(/[|\\{}()[\]^$+?.]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/,/g, '$|^');
    const enabled = new RegExp(`^${pattern}$`, 'i');
    return modules.filter((name) => enabled.test(name));
}

;// CONCATENATED MODULE: ./src/http.ts
/**
 * One HTTP request through @actions/http-client (which brings the runner's proxy settings), with
 * the safety rails a credential exchange needs: redirects are never followed, the whole request
 * has a deadline, and the body is read only up to a size cap (the caller decides whether a cut
 * body is usable: an error page is, a token answer is not).
 */





/** The request could not be completed: no answer in time, or a broken connection. */
class NetworkError extends Error {
    kind;
    name = 'NetworkError';
    constructor(kind, message, options) {
        super(message, options);
        this.kind = kind;
    }
}
const MAX_BODY_BYTES = 64 * 1024;
function createHttp(userAgent) {
    return async (request) => {
        const client = new HttpClient(userAgent, undefined, {
            allowRedirects: false,
            allowRetries: false,
            keepAlive: false,
            socketTimeout: request.timeoutMs
        });
        const host = new URL(request.url).host;
        try {
            return await withDeadline(send(client, request, host), request.timeoutMs, () => {
                client.dispose(); // destroys the agent's sockets, so nothing is left hanging
                return timeoutError(host, request.timeoutMs);
            });
        }
        finally {
            client.dispose();
        }
    };
}
async function send(client, request, host) {
    let response;
    try {
        response = await client.request(request.method, request.url, request.body ?? null, {
            // an encoded error body would be quoted as binary
            'Accept-Encoding': 'identity',
            ...request.headers
        });
    }
    catch (error) {
        // http-client reports its own socket timeout as "Request timeout: <path>"
        if (errorMessage(error).startsWith('Request timeout')) {
            throw timeoutError(host, request.timeoutMs);
        }
        // a library's message is outside text: it may quote a certificate, a proxy, a header
        const said = excerpt(errorMessage(error), request.secrets);
        const fault = finalTransportFault(error);
        if (fault) {
            throw new TransportRefusedError(fault, host, `request to ${host} failed: ${said}`, {
                cause: error
            });
        }
        throw new NetworkError('connection', `request to ${host} failed: ${said}`, { cause: error });
    }
    const message = response.message;
    const chunks = [];
    let size = 0;
    let truncated = false;
    try {
        for await (const chunk of message) {
            if (size + chunk.length > request.maxBodyBytes) {
                chunks.push(chunk.subarray(0, request.maxBodyBytes - size));
                truncated = true;
                message.destroy(); // read no further
                break;
            }
            size += chunk.length;
            chunks.push(chunk);
        }
    }
    catch (error) {
        throw new NetworkError('connection', `the answer from ${host} broke off: ${excerpt(errorMessage(error), request.secrets)}`, {
            cause: error
        });
    }
    if (!truncated && !message.complete) {
        throw new NetworkError('connection', `the answer from ${host} broke off before its end`);
    }
    // asked for identity; a server that encodes anyway gets described, never quoted as binary
    const encoding = header(message.headers, 'content-encoding')?.trim();
    const encoded = encoding !== undefined && encoding !== '' && encoding.toLowerCase() !== 'identity';
    return {
        status: message.statusCode ?? 0,
        headers: message.headers,
        body: encoded
            ? `(a ${excerpt(encoding, request.secrets, 40)}-encoded body of ${size} bytes, not decoded: the action asked for none)`
            : Buffer.concat(chunks).toString('utf8'),
        truncated
    };
}
function timeoutError(host, timeoutMs) {
    return new NetworkError('timeout', `no complete answer from ${host} within ${timeoutMs / 1000}s`);
}
/** A header's single value. */
function header(headers, name) {
    const value = headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
}

;// CONCATENATED MODULE: ./src/retry.ts
/**
 * The one retry policy for every remote call: exponential backoff with full jitter, a floor set by
 * the server's Retry-After and a wider window after it, and a bounded number of attempts. Time and
 * randomness are parameters so the policy can be tested exactly.
 */
/**
 * After a network error or a 5xx: 1, 2, 4, 8 s windows. After a throttle: Retry-After plus up to
 * 10 s. With that, 200 jobs that start together against 20 exchanges per second all get a key with
 * about 1.8 requests each, the exchanges spread over about 14 to 19 s (10 s at best). With the 1 s window
 * they needed about 2.5 and some used all 5 attempts; a throttled window doubling to 20 s only made
 * the tail longer. See __tests__/load.test.ts and bench/README.md.
 */
const DEFAULT_RETRY_POLICY = {
    baseDelayMs: 1_000,
    throttledBaseDelayMs: 10_000,
    maxDelayMs: 10_000,
    maxRetryAfterMs: 60_000
};
/** HTTP statuses worth another attempt: timeouts, throttling and gateway trouble. */
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
/** An error worth another attempt: network trouble, a timeout, 408, 429 or a 5xx gateway answer. */
class TransientError extends Error {
    retryAfterMs;
    name = 'TransientError';
    constructor(message, 
    /** How long the server asked us to wait (Retry-After), when it did. */
    retryAfterMs, options) {
        super(message, options);
        this.retryAfterMs = retryAfterMs;
    }
}
/** Every attempt failed with a transient error. */
class RetriesExhaustedError extends Error {
    operation;
    attempts;
    elapsedMs;
    lastError;
    name = 'RetriesExhaustedError';
    constructor(operation, attempts, elapsedMs, lastError) {
        super(`${operation} failed ${attempts} time(s) over ${formatSeconds(elapsedMs)}: ${lastError.message}`, { cause: lastError });
        this.operation = operation;
        this.attempts = attempts;
        this.elapsedMs = elapsedMs;
        this.lastError = lastError;
    }
}
/**
 * The step's time budget ran out: the next attempt could not start, or the wait before it would
 * end after the budget.
 */
class OutOfTimeError extends Error {
    operation;
    attempts;
    budgetMs;
    lastError;
    waitMs;
    name = 'OutOfTimeError';
    constructor(operation, 
    /** Attempts made by this operation. */
    attempts, 
    /** The whole step's budget. */
    budgetMs, lastError, 
    /** The wait the next attempt needed, when that is what did not fit. */
    waitMs) {
        super(`${operation} stopped after ${attempts} attempt(s): the step's time budget of ${formatSeconds(budgetMs)} ran out` +
            (lastError ? `; last error: ${lastError.message}` : ''), { cause: lastError });
        this.operation = operation;
        this.attempts = attempts;
        this.budgetMs = budgetMs;
        this.lastError = lastError;
        this.waitMs = waitMs;
    }
}
/**
 * Delay before attempt `attempt + 1`, after attempt `attempt` (1-based) failed. Full jitter over a
 * window that doubles per retry, up to `maxDelayMs`. When the server sent Retry-After, that is the
 * floor and the jitter comes on top, over the wider throttled window: Retry-After says when the
 * server takes one more request, not when it takes every client that was told the same, so
 * throttled jobs must not come back in lockstep.
 */
function retryDelay(attempt, policy, random, retryAfterMs) {
    const base = retryAfterMs === undefined
        ? policy.baseDelayMs
        : (policy.throttledBaseDelayMs ?? policy.baseDelayMs);
    const window = Math.min(policy.maxDelayMs, base * 2 ** Math.max(0, attempt - 1));
    const jitter = Math.floor(random() * window);
    const floor = retryAfterMs === undefined ? 0 : Math.min(retryAfterMs, policy.maxRetryAfterMs);
    return floor + jitter;
}
/**
 * Runs `operation` until it succeeds, throws something other than a TransientError (rethrown as
 * is), has used `policy.maxAttempts` attempts (RetriesExhaustedError), or would go past the
 * deadline (OutOfTimeError).
 */
async function retry(operation, options) {
    const { policy, clock, random, deadline } = options;
    const started = clock.now();
    let lastError;
    for (let attempt = 1;; attempt++) {
        if (deadline && clock.now() >= deadline.atMs) {
            throw new OutOfTimeError(options.operation, attempt - 1, deadline.budgetMs, lastError);
        }
        try {
            return await operation(attempt);
        }
        catch (error) {
            if (!(error instanceof TransientError))
                throw error;
            lastError = error;
            if (attempt >= policy.maxAttempts) {
                throw new RetriesExhaustedError(options.operation, attempt, clock.now() - started, error);
            }
            const delayMs = retryDelay(attempt, policy, random, error.retryAfterMs);
            if (deadline && clock.now() + delayMs >= deadline.atMs) {
                throw new OutOfTimeError(options.operation, attempt, deadline.budgetMs, error, delayMs);
            }
            options.onRetry?.({ operation: options.operation, attempt, error, delayMs });
            await clock.sleep(delayMs);
        }
    }
}
/**
 * Retry-After as milliseconds from `nowMs`: delta-seconds or an HTTP date. Undefined when absent or
 * unreadable; never negative.
 */
function parseRetryAfter(value, nowMs) {
    if (value === undefined)
        return undefined;
    const text = value.trim();
    if (text === '')
        return undefined;
    if (/^\d+$/.test(text))
        return Number(text) * 1000;
    // An HTTP date names its day and month ("Sat, 28 Nov 2026 10:00:00 GMT"); Date.parse alone
    // would also take "-5" as a year.
    const date = /[A-Za-z]{3}/.test(text) ? Date.parse(text) : NaN;
    if (Number.isNaN(date))
        return undefined;
    return Math.max(0, date - nowMs);
}
function formatSeconds(ms) {
    return `${(ms / 1000).toFixed(1)}s`;
}
const realClock = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms))
};

;// CONCATENATED MODULE: ./src/version.ts
/**
 * Name and version sent as the User-Agent. The version lives in package.json alone: the bundle
 * step (scripts/bundle.mjs) writes it over this placeholder, which only unbundled code (the unit
 * tests) ever sends.
 */
const ACTION_NAME = 'cloudsmith-oidc-action';
const ACTION_VERSION = "1.0.0";
const USER_AGENT = `${ACTION_NAME}/${ACTION_VERSION}`;

;// CONCATENATED MODULE: ./node_modules/jose/dist/webapi/lib/buffer_utils.js
const buffer_utils_encoder = new TextEncoder(), decoder = new TextDecoder(), buffer_utils_strictDecoder = new TextDecoder("utf-8", { fatal: !0 }), UINT32_RANGE = (/* unused pure expression or super */ null && (2 ** 32));
function concat(...buffers) {
  const size = buffers.reduce((acc, { length }) => acc + length, 0), buf = new Uint8Array(size);
  let i = 0;
  for (const buffer of buffers)
    buf.set(buffer, i), i += buffer.length;
  return buf;
}
function writeUInt32BE(buf, value, offset) {
  if (value < 0 || value >= UINT32_RANGE)
    throw new RangeError(`value must be >= 0 and <= ${UINT32_RANGE - 1}. Received ${value}`);
  buf.set([value >>> 24, value >>> 16, value >>> 8, value & 255], offset);
}
function uint64be(value) {
  const high = Math.floor(value / UINT32_RANGE), low = value % UINT32_RANGE, buf = new Uint8Array(8);
  return writeUInt32BE(buf, high, 0), writeUInt32BE(buf, low, 4), buf;
}
function uint32be(value) {
  const buf = new Uint8Array(4);
  return writeUInt32BE(buf, value), buf;
}
const NON_ASCII = /[^\x00-\x7f]/;
function buffer_utils_encode(string) {
  if (typeof string == "string" && string.length >= 128) {
    if (NON_ASCII.test(string))
      throw new TypeError("non-ASCII string encountered in encode()");
    return buffer_utils_encoder.encode(string);
  }
  const bytes = new Uint8Array(string.length);
  for (let i = 0; i < string.length; i++) {
    const code = string.charCodeAt(i);
    if (code > 127)
      throw new TypeError("non-ASCII string encountered in encode()");
    bytes[i] = code;
  }
  return bytes;
}
function buffer_utils_encodeBase64(input, url = !1) {
  if (Uint8Array.prototype.toBase64)
    return input.toBase64({ alphabet: url ? "base64url" : "base64", omitPadding: url });
  const CHUNK_SIZE = 32768, arr = [];
  for (let i = 0; i < input.length; i += CHUNK_SIZE)
    arr.push(String.fromCharCode.apply(null, input.subarray(i, i + CHUNK_SIZE)));
  const encoded = btoa(arr.join(""));
  return url ? encoded.replace(/=/g, "").replace(/\+/g, "-").replace(/\//g, "_") : encoded;
}
function decodeBase64(encoded, url = !1) {
  if (Uint8Array.fromBase64)
    return Uint8Array.fromBase64(encoded, { alphabet: url ? "base64url" : "base64" });
  if (url) {
    if (encoded.includes("+") || encoded.includes("/"))
      throw new TypeError("Invalid base64url");
    encoded = encoded.replace(/-/g, "+").replace(/_/g, "/");
  }
  const binary = atob(encoded), bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++)
    bytes[i] = binary.charCodeAt(i);
  return bytes;
}
async function digest(algorithm, data) {
  const subtleDigest = `SHA-${algorithm.slice(-3)}`;
  return new Uint8Array(await crypto.subtle.digest(subtleDigest, data));
}


;// CONCATENATED MODULE: ./node_modules/jose/dist/webapi/util/base64url.js

const invalid = "The input to be decoded is not correctly encoded.";
function base64url_decode(input) {
  try {
    return decodeBase64(typeof input == "string" ? input : decoder.decode(input), !0);
  } catch (cause) {
    throw new TypeError(invalid, { cause });
  }
}
function base64url_encode(input) {
  return encodeBase64(typeof input == "string" ? encoder.encode(input) : input, !0);
}


;// CONCATENATED MODULE: ./node_modules/jose/dist/webapi/lib/validate.js



function assertUint8Array(input, label) {
  if (!(input instanceof Uint8Array))
    throw new TypeError(`${label} must be an instance of Uint8Array`);
}
function isObject(input) {
  if (typeof input != "object" || input === null || Object.prototype.toString.call(input) !== "[object Object]")
    return !1;
  const prototype = Object.getPrototypeOf(input);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}
function isJwkSet(input) {
  return isObject(input) && Array.isArray(input.keys) && Array.from(input.keys).every(isObject);
}
function isDisjoint(...headers) {
  const parameters = /* @__PURE__ */ new Set();
  for (const header of headers)
    if (header)
      for (const parameter of Object.keys(header)) {
        if (parameters.has(parameter))
          return !1;
        parameters.add(parameter);
      }
  return !0;
}
function assertNotSet(value, name) {
  if (value !== void 0)
    throw new TypeError(`${name} can only be called once`);
}
function decodeBase64url(value, label, ErrorClass) {
  try {
    return decode(value);
  } catch (cause) {
    throw new ErrorClass(`Failed to base64url decode the ${label}`, { cause });
  }
}
function encodeAsciiMember(value, label, ErrorClass) {
  try {
    return encode(value);
  } catch (cause) {
    throw new ErrorClass(`The ${label} is not a valid base64url string`, { cause });
  }
}
function parseJoseHeader(encodedProtectedHeader, ErrorClass, message) {
  let parsed;
  try {
    parsed = JSON.parse(strictDecoder.decode(decode(encodedProtectedHeader)));
  } catch (cause) {
    throw new ErrorClass(message, { cause });
  }
  if (!isObject(parsed))
    throw new ErrorClass(message);
  return parsed;
}
const JWS_RECOGNIZED = { __proto__: null, b64: !0 }, JWE_RECOGNIZED = { __proto__: null };
function validateAlgorithms(option, algorithms) {
  if (algorithms !== void 0 && (!Array.isArray(algorithms) || algorithms.some((s) => typeof s != "string")))
    throw new TypeError(`"${option}" option must be an array of strings`);
  return algorithms === void 0 ? void 0 : new Set(algorithms);
}
function validateCritDuplicates(Err, protectedHeader) {
  const { crit } = protectedHeader ?? {};
  if (Array.isArray(crit) && new Set(crit).size !== crit.length)
    throw new Err('"crit" (Critical) Header Parameter MUST NOT contain duplicate values');
}
function validateCrit(Err, recognizedDefault, recognizedOption, protectedHeader, joseHeader) {
  if (joseHeader.crit !== void 0 && protectedHeader?.crit === void 0)
    throw new Err('"crit" (Critical) Header Parameter MUST be integrity protected');
  if (!protectedHeader || protectedHeader.crit === void 0)
    return [];
  if (!Array.isArray(protectedHeader.crit) || protectedHeader.crit.length === 0 || protectedHeader.crit.some((input) => typeof input != "string" || input.length === 0))
    throw new Err('"crit" (Critical) Header Parameter MUST be an array of non-empty strings when present');
  const recognized = recognizedOption === void 0 ? recognizedDefault : { __proto__: null, ...recognizedOption, ...recognizedDefault };
  for (const parameter of protectedHeader.crit) {
    if (!(parameter in recognized))
      throw new JOSENotSupported(`Extension Header Parameter "${parameter}" is not recognized`);
    if (!Object.hasOwn(joseHeader, parameter) || joseHeader[parameter] === void 0)
      throw new Err(`Extension Header Parameter "${parameter}" is missing`);
    if (recognized[parameter] && (!Object.hasOwn(protectedHeader, parameter) || protectedHeader[parameter] === void 0))
      throw new Err(`Extension Header Parameter "${parameter}" MUST be integrity protected`);
  }
  return protectedHeader.crit;
}
function validateB64(protectedHeader, extensions) {
  if (extensions.includes("b64")) {
    const b64 = protectedHeader.b64;
    if (typeof b64 != "boolean")
      throw new JWSInvalid('The "b64" (base64url-encode payload) Header Parameter must be a boolean');
    return b64;
  }
  return !0;
}
function serializeJoseHeader(Err, header) {
  let serialized, parsed;
  try {
    serialized = JSON.stringify(header), parsed = JSON.parse(serialized);
  } catch (cause) {
    throw new Err("JOSE Header is not valid JSON", { cause });
  }
  if (!isObject(parsed))
    throw new Err("JOSE Header is not a JSON object");
  return [parsed, serialized];
}


;// CONCATENATED MODULE: ./node_modules/jose/dist/webapi/util/errors.js
class JOSEError extends Error {
  static code = "ERR_JOSE_GENERIC";
  code = "ERR_JOSE_GENERIC";
  constructor(message, options) {
    super(message, options), this.name = this.constructor.name, Error.captureStackTrace?.(this, this.constructor);
  }
}
class JWTClaimValidationFailed extends JOSEError {
  static code = "ERR_JWT_CLAIM_VALIDATION_FAILED";
  code = "ERR_JWT_CLAIM_VALIDATION_FAILED";
  claim;
  reason;
  payload;
  constructor(message, payload, claim = "unspecified", reason = "unspecified") {
    super(message, { cause: { claim, reason, payload } }), this.claim = claim, this.reason = reason, this.payload = payload;
  }
}
class JWTExpired extends JOSEError {
  static code = "ERR_JWT_EXPIRED";
  code = "ERR_JWT_EXPIRED";
  claim;
  reason;
  payload;
  constructor(message, payload, claim = "unspecified", reason = "unspecified") {
    super(message, { cause: { claim, reason, payload } }), this.claim = claim, this.reason = reason, this.payload = payload;
  }
}
class JOSEAlgNotAllowed extends (/* unused pure expression or super */ null && (JOSEError)) {
  static code = (/* unused pure expression or super */ null && ("ERR_JOSE_ALG_NOT_ALLOWED"));
  code = "ERR_JOSE_ALG_NOT_ALLOWED";
}
class errors_JOSENotSupported extends (/* unused pure expression or super */ null && (JOSEError)) {
  static code = (/* unused pure expression or super */ null && ("ERR_JOSE_NOT_SUPPORTED"));
  code = "ERR_JOSE_NOT_SUPPORTED";
}
class JWEDecryptionFailed extends JOSEError {
  static code = "ERR_JWE_DECRYPTION_FAILED";
  code = "ERR_JWE_DECRYPTION_FAILED";
  constructor(message = "decryption operation failed", options) {
    super(message, options);
  }
}
class JWEInvalid extends (/* unused pure expression or super */ null && (JOSEError)) {
  static code = (/* unused pure expression or super */ null && ("ERR_JWE_INVALID"));
  code = "ERR_JWE_INVALID";
}
class errors_JWSInvalid extends (/* unused pure expression or super */ null && (JOSEError)) {
  static code = (/* unused pure expression or super */ null && ("ERR_JWS_INVALID"));
  code = "ERR_JWS_INVALID";
}
class JWTInvalid extends JOSEError {
  static code = "ERR_JWT_INVALID";
  code = "ERR_JWT_INVALID";
}
class JWKInvalid extends (/* unused pure expression or super */ null && (JOSEError)) {
  static code = (/* unused pure expression or super */ null && ("ERR_JWK_INVALID"));
  code = "ERR_JWK_INVALID";
}
class JWKSInvalid extends (/* unused pure expression or super */ null && (JOSEError)) {
  static code = (/* unused pure expression or super */ null && ("ERR_JWKS_INVALID"));
  code = "ERR_JWKS_INVALID";
}
class JWKSNoMatchingKey extends JOSEError {
  static code = "ERR_JWKS_NO_MATCHING_KEY";
  code = "ERR_JWKS_NO_MATCHING_KEY";
  constructor(message = "no applicable key found in the JSON Web Key Set", options) {
    super(message, options);
  }
}
class JWKSMultipleMatchingKeys extends JOSEError {
  [Symbol.asyncIterator] = async function* () {
  };
  static code = "ERR_JWKS_MULTIPLE_MATCHING_KEYS";
  code = "ERR_JWKS_MULTIPLE_MATCHING_KEYS";
  constructor(message = "multiple matching keys found in the JSON Web Key Set", options) {
    super(message, options);
  }
}
class JWKSTimeout extends JOSEError {
  static code = "ERR_JWKS_TIMEOUT";
  code = "ERR_JWKS_TIMEOUT";
  constructor(message = "request timed out", options) {
    super(message, options);
  }
}
class JWSSignatureVerificationFailed extends JOSEError {
  static code = "ERR_JWS_SIGNATURE_VERIFICATION_FAILED";
  code = "ERR_JWS_SIGNATURE_VERIFICATION_FAILED";
  constructor(message = "signature verification failed", options) {
    super(message, options);
  }
}


;// CONCATENATED MODULE: ./node_modules/jose/dist/webapi/util/decode_jwt.js




function decodeJwt(jwt) {
  if (typeof jwt != "string")
    throw new JWTInvalid("JWTs must use Compact JWS serialization, JWT must be a string");
  const { 1: encodedPayload, length } = jwt.split(".");
  if (length === 5)
    throw new JWTInvalid("Only JWTs using Compact JWS serialization can be decoded");
  if (length !== 3)
    throw new JWTInvalid("Invalid JWT");
  if (!encodedPayload)
    throw new JWTInvalid("JWTs must contain a payload");
  let claimsSetBytes;
  try {
    claimsSetBytes = base64url_decode(encodedPayload);
  } catch (cause) {
    throw new JWTInvalid("Failed to base64url decode the payload", { cause });
  }
  let claimsSet;
  try {
    claimsSet = JSON.parse(buffer_utils_strictDecoder.decode(claimsSetBytes));
  } catch (cause) {
    throw new JWTInvalid("Failed to parse the decoded payload as JSON", { cause });
  }
  if (!isObject(claimsSet))
    throw new JWTInvalid("Invalid JWT Claims Set");
  return claimsSet;
}


;// CONCATENATED MODULE: ./src/id-token.ts
/**
 * The GitHub ID token: fetching it (core.getIDToken, wrapped in a per-attempt deadline and our
 * retry policy), reading its claims, and getting a fresh one when the old is about to expire.
 */






/** GitHub answered, but not with a usable token, or refused for a reason a retry cannot change. */
class IdTokenError extends Error {
    name = 'IdTokenError';
}
/** The retry policy's name for getting the ID token. */
const ID_TOKEN_OPERATION = 'Getting the GitHub ID token';
/** A fresh ID token is fetched when the current one has less than this left. */
const ID_TOKEN_REFRESH_MARGIN_MS = 60_000;
function readIdToken(value) {
    let claims;
    try {
        claims = decodeJwt(value);
    }
    catch (error) {
        throw new IdTokenError(`GitHub returned an ID token that is not a readable JWT (${excerpt(String(error), [value])}).`);
    }
    return {
        value,
        claims,
        expiresAtMs: typeof claims.exp === 'number' ? claims.exp * 1000 : undefined
    };
}
/**
 * One attempt at getting an ID token, with a deadline. core.getIDToken neither times out nor
 * retries network errors (its HTTP client retries 502, 503 and 504 itself, quickly); its errors
 * carry the HTTP status as "Error Code : N". Network errors and the statuses in
 * RETRYABLE_STATUSES are worth another attempt; any other status is final.
 */
async function fetchIdToken(source, audience, timeoutMs, 
/** Credentials the action holds (the runner's request token, say), cut from error texts. */
secrets = []) {
    const request = audience === undefined ? source() : source(audience);
    const value = await withDeadline(request.catch((error) => Promise.reject(classifySourceError(error, secrets))), timeoutMs, () => new TransientError(`GitHub's ID token service gave no token within ${timeoutMs / 1000}s`));
    return readIdToken(value);
}
function classifySourceError(error, secrets) {
    const raw = errorMessage(error).replace(/\s+/g, ' ');
    const code = /Error Code\s*:\s*(\d{3})/.exec(raw)?.[1];
    // core wraps a network error as "... Error Code : undefined Error Message: <the error>"
    const inner = code === undefined ? /Error Message:\s*(.+)$/.exec(raw)?.[1] : undefined;
    const message = excerpt(inner ?? raw, secrets);
    const status = code === undefined ? undefined : Number(code);
    // an untrusted certificate or a proxy refusing the tunnel: final
    const fault = finalTransportFault(inner ?? raw);
    if (fault) {
        return new TransportRefusedError(fault, undefined, `getting the ID token failed: ${message}`, {
            cause: error
        });
    }
    if (/do not have ID Token field/i.test(message)) {
        return new IdTokenError(`GitHub's ID token service answered without a token: ${message}`);
    }
    if (status !== undefined && !RETRYABLE_STATUSES.has(status)) {
        return new IdTokenError(`GitHub's ID token service refused the request (${status}): ${message}`);
    }
    // no status (a network error) or a retryable one
    return new TransientError(`getting the ID token failed: ${message}`, undefined, { cause: error });
}
/**
 * Hands out the current ID token, fetching a new one when none is held or the held one is near
 * expiry: less than `marginMs` left, or less than half its lifetime for a token shorter-lived than
 * twice the margin. How long it lives is its own `exp` - `iat`, counted on this runner's clock
 * from when it was asked for (no later than it was issued): a runner whose clock is off still
 * renews in time, where comparing that clock with `exp` would renew too late or on every call.
 * A token without a numeric `iat` is judged by `exp` against this clock.
 */
function idTokenKeeper(fetch, now, marginMs = ID_TOKEN_REFRESH_MARGIN_MS) {
    let held;
    return {
        async current() {
            if (!held || now() >= held.refreshAtMs) {
                const askedAtMs = now();
                const token = await fetch();
                held = { token, refreshAtMs: refreshTime(token, askedAtMs, marginMs) };
            }
            return held.token;
        }
    };
}
/**
 * When to get a new token, on this runner's clock: the ID token here, and the helpers' cached
 * Cloudsmith key (src/refresh/), which is a JWT with `exp` and `iat` too.
 */
function refreshTime(token, askedAtMs, marginMs) {
    const iat = token.claims.iat;
    if (token.expiresAtMs === undefined)
        return Infinity;
    const lifetimeMs = typeof iat === 'number' ? token.expiresAtMs - iat * 1000 : token.expiresAtMs - askedAtMs;
    const expiresLocallyAtMs = typeof iat === 'number' ? askedAtMs + lifetimeMs : token.expiresAtMs;
    return expiresLocallyAtMs - Math.min(marginMs, lifetimeMs / 2);
}

;// CONCATENATED MODULE: ./src/refresh/key-cache.ts
/**
 * The helper's cached key: the current Cloudsmith key, its `exp`, when to exchange again, and how
 * many keys the job has minted (the main step's first one included). Pure: reading and writing
 * the text, and deciding whether the key is still good.
 */


/** A key with less than this left is exchanged again (a shorter-lived one at half its life). */
const KEY_REFRESH_MARGIN_MS = 5 * 60_000;
/**
 * The cache entry for a key just received. `askedAtMs` is when it was asked for, on this
 * machine's clock: the key's own lifetime (`exp` - `iat`) counts from then, so a runner whose
 * clock is off still renews in time (as the ID token keeper does).
 */
function cacheEntry(token, askedAtMs, minted) {
    const expiresAtMs = token.expiresAt.getTime();
    let claims = {};
    try {
        claims = decodeJwt(token.token);
    }
    catch {
        // the exchange checked it is a JWT; without claims, exp on this clock decides
    }
    const renewAtMs = Math.min(expiresAtMs, refreshTime({ claims, expiresAtMs }, askedAtMs, KEY_REFRESH_MARGIN_MS));
    return { key: token.token, expiresAtMs, renewAtMs, minted };
}
/** Whether the cached key may be handed out at `nowMs`. */
function isFresh(cache, nowMs) {
    return cache !== undefined && nowMs < cache.renewAtMs && nowMs < cache.expiresAtMs;
}
function serialiseCache(cache) {
    return `${JSON.stringify({
        version: 1,
        key: cache.key,
        expiresAt: new Date(cache.expiresAtMs).toISOString(),
        renewAtMs: cache.renewAtMs,
        minted: cache.minted
    })}\n`;
}
/** The cache in a file's text; undefined when it is not one (then it is as good as missing). */
function parseCache(text) {
    if (text === undefined)
        return undefined;
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    if (typeof parsed !== 'object' || parsed === null)
        return undefined;
    const { version, key, expiresAt, renewAtMs, minted } = parsed;
    const expiresAtMs = typeof expiresAt === 'string' ? Date.parse(expiresAt) : NaN;
    if (version !== 1 ||
        typeof key !== 'string' ||
        key === '' ||
        Number.isNaN(expiresAtMs) ||
        typeof renewAtMs !== 'number' ||
        !Number.isFinite(renewAtMs) ||
        typeof minted !== 'number' ||
        !Number.isSafeInteger(minted) ||
        minted < 1) {
        return undefined;
    }
    return { key, expiresAtMs, renewAtMs, minted };
}

;// CONCATENATED MODULE: ./src/refresh/key-keeper.ts

/** Another caller held the lock for the whole wait and no new key came. */
class LockWaitError extends Error {
    name = 'LockWaitError';
}
async function currentKey(deps, limits) {
    const { files, clock } = deps;
    const cached = parseCache(files.readCache());
    if (cached && isFresh(cached, clock.now()))
        return { cache: cached, minted: false };
    const giveUpAtMs = clock.now() + limits.waitMs;
    while (!files.tryLock(clock.now())) {
        const holder = files.lockHolder();
        if (holder !== undefined && isStale(holder, deps, limits)) {
            files.breakLock(holder);
            continue;
        }
        if (clock.now() >= giveUpAtMs) {
            throw new LockWaitError(`another call of the helper${holder?.pid === undefined ? '' : ` (process ${holder.pid})`} has been getting a new key for ${Math.round(limits.waitMs / 1000)}s without result`);
        }
        await clock.sleep(limits.pollMs);
        const changed = parseCache(files.readCache());
        if (changed && isFresh(changed, clock.now()))
            return { cache: changed, minted: false };
    }
    try {
        // another caller may have renewed it between our first look and the lock
        const latest = parseCache(files.readCache());
        if (latest && isFresh(latest, clock.now()))
            return { cache: latest, minted: false };
        const askedAtMs = clock.now();
        const token = await deps.mint();
        const entry = cacheEntry(token, askedAtMs, ((latest ?? cached)?.minted ?? 0) + 1);
        files.writeCache(serialiseCache(entry));
        return { cache: entry, minted: true };
    }
    finally {
        files.unlock();
    }
}
function isStale(holder, deps, limits) {
    if (deps.clock.now() - holder.sinceMs > limits.staleMs)
        return true;
    return holder.pid !== undefined && !deps.isAlive(holder.pid);
}

;// CONCATENATED MODULE: ./src/cloudsmith-response.ts
/**
 * Reading Cloudsmith's answers: the error text it gives (`detail`, else `error`, else the body),
 * which statuses refuse the ID token, and the token answer of the OpenID exchange.
 */


/** Statuses with which Cloudsmith refuses the ID token itself. */
const REFUSED_STATUSES = new Set([400, 401, 403, 422]);
/** Cloudsmith answered with a status the action cannot use. */
class CloudsmithError extends Error {
    call;
    status;
    said;
    location;
    name = 'CloudsmithError';
    constructor(
    /** What we asked, e.g. "The OpenID exchange". */
    call, status, 
    /** Token-free, bounded text of what Cloudsmith said. */
    said, location) {
        super(`${call}: Cloudsmith answered ${status}: ${said}`);
        this.call = call;
        this.status = status;
        this.said = said;
        this.location = location;
    }
}
/** Cloudsmith answered success, but not with a usable token. */
class TokenAnswerError extends Error {
    status;
    problem;
    said;
    name = 'TokenAnswerError';
    constructor(status, problem, said) {
        super(`Cloudsmith answered ${status} but ${problem}. Body: ${said}`);
        this.status = status;
        this.problem = problem;
        this.said = said;
    }
}
/**
 * What Cloudsmith said in an error body, bounded and token-free: `detail`, else `error`, else for
 * other JSON only its shape (its values may hold a key, escaped beyond recognition), else the raw
 * body (an HTML error page, say).
 */
function errorText(body, secrets) {
    const parsed = parseJson(body);
    if (parsed === undefined)
        return excerpt(body, secrets);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        const { detail, error } = parsed;
        if (typeof detail === 'string')
            return excerpt(detail, secrets);
        if (typeof error === 'string')
            return excerpt(error, secrets);
    }
    return jsonShape(parsed, secrets);
}
/** The parsed body, or undefined when it is not JSON. */
function parseJson(body) {
    try {
        // a UTF-8 byte-order mark before the JSON is allowed (RFC 8259 lets a parser ignore it)
        return JSON.parse(body.replace(/^\uFEFF/, ''));
    }
    catch {
        return undefined;
    }
}
/** "JSON object with keys a, b" and the like: never a value. */
function jsonShape(value, secrets) {
    if (Array.isArray(value))
        return `a JSON array of ${value.length} item(s)`;
    if (value && typeof value === 'object') {
        const keys = Object.keys(value)
            .slice(0, 10)
            .map((key) => excerpt(key, secrets, 40));
        return keys.length === 0 ? 'an empty JSON object' : `a JSON object with keys ${keys.join(', ')}`;
    }
    return `a JSON ${value === null ? 'null' : typeof value}`;
}
/** Three base64url parts, the last may be empty: nothing else (no whitespace, no padding). */
const COMPACT_JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
/**
 * What a `token` must look like to be masked: at least 20 characters of the kinds keys are made
 * of (every JWT with an `exp` is). A malformed one is masked too, as it may still be a credential;
 * anything else is not, so an answer cannot make the runner hide common words (`e`, `Cloudsmith`,
 * `a.e30.`) in the rest of the job's log.
 */
const CREDENTIAL_LIKE = /^[A-Za-z0-9+/=_.~-]{20,}$/;
/**
 * The exchange's success answer: JSON with a non-empty string `token` that is a compact JWT with
 * a numeric `exp` after `nowMs`. The token's shape is decided first, printing nothing; a
 * credential-like token is passed to `mask` at once, before anything else can print it. A
 * malformed token is never printed, and masked only when it looks like a credential. Failures quote non-JSON
 * bodies, and only the shape of JSON ones.
 */
function readTokenAnswer(status, body, nowMs, mask, secrets) {
    const parsed = parseJson(body);
    if (parsed === undefined) {
        // a cut-off or malformed answer may still hold most of a key: quote it only when it cannot,
        // judged by the text as the log would show it (a UTF-16 body's NULs are dropped there)
        const said = /token/i.test(visible(body))
            ? `not shown: it may hold a key (${body.length} characters)`
            : excerpt(body, secrets);
        throw new TokenAnswerError(status, 'the body is not JSON', said);
    }
    const token = parsed && typeof parsed === 'object' ? parsed.token : undefined;
    // a malformed token may still be a credential: its runs are cut from the shape's keys too
    const shapeSecrets = typeof token === 'string' ? [...secrets, token] : secrets;
    const fail = (problem) => new TokenAnswerError(status, problem, jsonShape(parsed, shapeSecrets));
    if (typeof token !== 'string' || token.trim() === '') {
        throw fail('the JSON has no non-empty string "token"');
    }
    // the shape first, printing nothing; then the mask, before anything can print the token
    const exp = jwtExp(token);
    if (CREDENTIAL_LIKE.test(token))
        mask(token);
    if (exp === NOT_A_JWT)
        throw fail('its "token" is not a JWT');
    const expiresAt = new Date(typeof exp === 'number' ? exp * 1000 : NaN);
    if (Number.isNaN(expiresAt.getTime())) {
        throw fail('its token has no usable numeric "exp" claim');
    }
    if (expiresAt.getTime() > nowMs + MAX_KEY_LIFETIME_MS) {
        throw fail(`its token's exp (${expiresAt.toISOString()}) is not a sane date: no Cloudsmith key lives longer than ${MAX_KEY_LIFETIME_MS / 86_400_000} days`);
    }
    if (expiresAt.getTime() <= nowMs) {
        throw fail(`its token expired already (exp ${expiresAt.toISOString()}); check this machine's clock`);
    }
    return { token, expiresAt };
}
const NOT_A_JWT = Symbol('not a JWT');
/**
 * Cloudsmith's keys live about 90 minutes; an exp further away than this is not a date to
 * publish as expires-at (8.64e12 would read +275760-09-13).
 */
const MAX_KEY_LIFETIME_MS = 31 * 86_400_000;
/** The `exp` claim of a compact JWT whose payload is a JSON object; NOT_A_JWT otherwise. */
function jwtExp(token) {
    if (!COMPACT_JWT.test(token))
        return NOT_A_JWT;
    try {
        return decodeJwt(token).exp;
    }
    catch {
        return NOT_A_JWT;
    }
}

;// CONCATENATED MODULE: ./src/cloudsmith-call.ts
/**
 * One call to the Cloudsmith API as the retry policy sees it: network trouble and the statuses in
 * RETRYABLE_STATUSES are transient (with the server's Retry-After); everything else is final.
 */



/** A success answer larger than the size cap: not Cloudsmith's API, or a proxy's page. */
class AnswerTooLargeError extends Error {
    name = 'AnswerTooLargeError';
}
/**
 * Sends the request. A network failure becomes a TransientError; a success answer larger than the
 * size cap is a final AnswerTooLargeError (an error page may be cut: it is only quoted).
 */
async function callCloudsmith(http, request) {
    let response;
    try {
        response = await http(request);
    }
    catch (error) {
        if (error instanceof NetworkError) {
            throw new TransientError(error.message, undefined, { cause: error });
        }
        throw error;
    }
    if (response.truncated && response.status >= 200 && response.status < 300) {
        const host = new URL(request.url).host;
        throw new AnswerTooLargeError(`the answer from ${host} is larger than ${request.maxBodyBytes} bytes; it was not read further`);
    }
    return response;
}
/**
 * The error for an answer the caller cannot use: a TransientError around a CloudsmithError for
 * RETRYABLE_STATUSES, a plain CloudsmithError otherwise. `secrets` are cut from what is quoted.
 */
function answerError(call, response, secrets, nowMs) {
    const said = errorText(response.body, secrets);
    const error = new CloudsmithError(call, response.status, said, header(response.headers, 'location'));
    if (!RETRYABLE_STATUSES.has(response.status))
        return error;
    const retryAfterMs = parseRetryAfter(header(response.headers, 'retry-after'), nowMs);
    // the retry log line names the call already
    return new TransientError(`Cloudsmith answered ${response.status}: ${said}`, retryAfterMs, {
        cause: error
    });
}

;// CONCATENATED MODULE: ./src/exchange.ts
/**
 * One attempt at the OpenID exchange: POST the GitHub ID token to Cloudsmith and read the API key
 * from the answer. Retrying is the caller's business; failures say whether they are transient.
 */



/** The retry policy's and the error messages' name for this call. */
const EXCHANGE_OPERATION = 'The OpenID exchange';
function exchangeUrl(apiUrl, org) {
    return `${apiUrl}/openid/${encodeURIComponent(org)}/`;
}
/** `mask` receives the key the moment it is read from the answer. */
async function exchange(request, http, now, mask) {
    const secrets = [request.idToken, ...(request.secrets ?? [])];
    const response = await callCloudsmith(http, {
        method: 'POST',
        url: exchangeUrl(request.apiUrl, request.org),
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ oidc_token: request.idToken, service_slug: request.serviceSlug }),
        timeoutMs: request.timeoutMs,
        maxBodyBytes: MAX_BODY_BYTES,
        secrets
    });
    if (response.status === 200 || response.status === 201) {
        return readTokenAnswer(response.status, response.body, now(), mask, secrets);
    }
    throw answerError(EXCHANGE_OPERATION, response, secrets, now());
}

;// CONCATENATED MODULE: ./src/refresh/runner-id-token.ts
/**
 * The job's ID token, asked for the way core.getIDToken asks (GET ACTIONS_ID_TOKEN_REQUEST_URL
 * plus `&audience=`, the request token as a bearer token, `{"value": ...}` back), but through our
 * own HTTP client: core.getIDToken prints `::add-mask::<ID token>` on standard output, which a
 * credential helper's standard output (read by docker, cargo or pnpm) must never carry. Failures
 * are worded as core words them, so fetchIdToken (src/id-token.ts) classifies both alike.
 */


function runnerIdTokenSource(request, http) {
    return async (audience) => {
        const url = audience === undefined
            ? request.url
            : `${request.url}&audience=${encodeURIComponent(audience)}`;
        const response = await http({
            method: 'GET',
            url,
            headers: { Authorization: `Bearer ${request.requestToken}`, Accept: 'application/json' },
            timeoutMs: request.timeoutMs(),
            maxBodyBytes: MAX_BODY_BYTES,
            secrets: [request.requestToken]
        });
        if (response.status !== 200) {
            throw new Error(`Failed to get ID Token. Error Code : ${response.status} Error Message: ${errorText(response.body, [request.requestToken])}`);
        }
        const parsed = parseJson(response.body);
        const value = parsed && typeof parsed === 'object' ? parsed.value : undefined;
        if (typeof value !== 'string' || value === '') {
            throw new Error('Response json body do not have ID Token field');
        }
        return value;
    };
}

;// CONCATENATED MODULE: ./src/refresh/mint.ts






/** The job's ID token request variables are not in the helper's environment. */
class NoRequestVariablesError extends Error {
    name = 'NoRequestVariablesError';
}
async function mintKey(settings, deps) {
    const { env, http, clock, secrets } = deps;
    const url = env['ACTIONS_ID_TOKEN_REQUEST_URL'];
    const requestToken = env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
    if (!url || !requestToken) {
        throw new NoRequestVariablesError("ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set here, so no new key can be exchanged (they reach only the job's own steps and the programs those start, not a `docker run` container or another job; the job also needs `permissions: id-token: write`)");
    }
    secrets.push(requestToken);
    requireCertificateChecks(env);
    requireQuietRequests(env);
    const budgetMs = settings.totalTimeoutMs;
    const deadline = { atMs: clock.now() + budgetMs, budgetMs };
    const timeoutMs = () => requestTimeoutMs(settings.timeoutMs, deadline.atMs, clock.now());
    const options = (operation) => ({
        operation,
        policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: settings.maxAttempts },
        clock,
        random: deps.random,
        deadline
    });
    const source = runnerIdTokenSource({ url, requestToken, timeoutMs }, http);
    const idTokens = idTokenKeeper(async () => {
        const idToken = await retry(() => fetchIdToken(source, settings.audience, timeoutMs(), secrets), options(ID_TOKEN_OPERATION));
        secrets.push(idToken.value);
        return idToken;
    }, clock.now);
    return retry(async () => {
        const idToken = await idTokens.current();
        const request = {
            apiUrl: settings.apiUrl,
            org: settings.org,
            serviceSlug: settings.serviceSlug,
            idToken: idToken.value,
            timeoutMs: timeoutMs(),
            secrets
        };
        return exchange(request, http, clock.now, (key) => secrets.push(key));
    }, options(EXCHANGE_OPERATION));
}

;// CONCATENATED MODULE: ./src/registries/plan.ts
/**
 * The shape every package-manager format shares. A format turns one validated `registries` line
 * into a Plan: the files to write, the variables to export and the commands to run. Planning
 * touches nothing; the key itself is not even known yet (a value refers to it with KEY). One
 * runner-side module applies a plan after the key is masked and records what it did (never the
 * key); the post step undoes exactly that record, in reverse.
 */
/** Stands for the key in a planned value; filled in only when the plan is applied. */
const KEY = Symbol('the Cloudsmith API key');

;// CONCATENATED MODULE: ./src/registries/domains.ts
const DOMAIN_KINDS = ['cloudsmith', 'organization', 'repository'];
/** `domain` and every `…-domain` option take a kind. */
function domains_isDomainOption(key) {
    return key === 'domain' || key.endsWith('-domain');
}
/** The host option a domain option describes: `domain` → `host`, `upload-domain` → `upload-host`. */
function hostOptionOf(domainOption) {
    return `${domainOption.slice(0, -'domain'.length)}host`;
}
/** What a domain option takes, for the format's option table (and so its error messages). */
function domainOptionText(domainOption) {
    const host = hostOptionOf(domainOption);
    return `what ${host}= is: organization (an organization-wide custom domain, the default for any other host than Cloudsmith's: the path drops OWNER/), repository (a per-repository custom domain: the path drops OWNER/REPOSITORY/) or cloudsmith (keeps /OWNER/REPOSITORY/)`;
}
/**
 * The common check of a domain option, naming the option (the caller names the line): a kind,
 * and the host option it describes given on the same line.
 */
function domains_domainProblems(options) {
    const problems = [];
    for (const [key, value] of options) {
        if (!domains_isDomainOption(key))
            continue;
        const host = hostOptionOf(key);
        if (!DOMAIN_KINDS.includes(value)) {
            problems.push(`${key}=${value} is not one of ${DOMAIN_KINDS.join(', ')} (what ${host}= is: organization-wide custom domain, per-repository custom domain, or Cloudsmith's path layout).`);
        }
        else if (!options.has(host)) {
            problems.push(`${key}=${value} describes ${host}=, which is missing; give ${host}=HOST too.`);
        }
    }
    return problems;
}
/**
 * A custom-domain kind given for the format's own Cloudsmith host (`host=npm.cloudsmith.io
 * domain=repository`): Cloudsmith's hosts keep `/ORG/REPO/`, so the URL would lead nowhere.
 */
function cloudsmithHostProblem(request, hostOption, defaultHost) {
    const domainOption = `${hostOption.slice(0, -'host'.length)}domain`;
    const host = request.options.get(hostOption);
    const kind = request.options.get(domainOption);
    if (host === undefined || (kind !== 'organization' && kind !== 'repository'))
        return [];
    if (!sameHost(host, defaultHost))
        return [];
    return [
        `${domainOption}=${kind} says ${hostOption}= is a custom domain, but ${host} is Cloudsmith's own host, which keeps /OWNER/REPOSITORY/; give your custom domain as ${hostOption}=, or leave ${domainOption}= out.`
    ];
}
/** The host name without a default `:443`, lower case: how two spellings of one host compare. */
function sameHost(a, b) {
    const plain = (host) => host.toLowerCase().replace(/:443$/, '');
    return plain(a) === plain(b);
}
/**
 * Where a line's repository is for one of its endpoints: `hostOption` (`host`, `upload-host`) or
 * `defaultHost`, and the path its domain kind gives.
 */
function domainEndpoint(request, hostOption, defaultHost) {
    const host = request.options.get(hostOption) ?? defaultHost;
    const given = request.options.get(`${hostOption.slice(0, -'host'.length)}domain`);
    const kind = given !== undefined && DOMAIN_KINDS.includes(given)
        ? given
        : sameHost(host, defaultHost)
            ? 'cloudsmith'
            : 'organization';
    // formats that use this rule require a repository, so the request always has one
    const repository = request.repository ?? '';
    const path = {
        cloudsmith: `/${request.owner}/${repository}/`,
        organization: `/${repository}/`,
        repository: '/'
    }[kind];
    return { host, kind, path };
}

;// CONCATENATED MODULE: ./src/registries/request.ts
/**
 * Reads the `registries` input: one registry per line, `FORMAT [REPOSITORY] [key=value ...]`, blank
 * lines and `#` comment lines allowed. Every problem names the line (its number and its text) and
 * what the format accepts; all of them are reported at once with the other inputs' problems.
 */

/** A host name or IPv4 address, then an optional `:port`. */
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const OPTION = /^([A-Za-z][A-Za-z0-9-]*)=(.*)$/s;
/** `host` and every `...-host` option take a host. */
function isHostOption(key) {
    return key === 'host' || key.endsWith('-host');
}
/** Undefined for a good `HOST[:PORT]`, else what it must look like. */
function hostProblem(value) {
    const wanted = 'a host name or IPv4 address with an optional :port (such as docker.example.com or 127.0.0.1:5000), without a scheme, path, user or whitespace';
    if (value === '')
        return `is empty; use ${wanted}.`;
    if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value))
        return `has a scheme; use ${wanted}.`;
    if (value.includes('@'))
        return `holds a user part ('@'); use ${wanted}.`;
    if (value.includes('/'))
        return `holds a path; use ${wanted}.`;
    const match = /^([^:]*)(?::(\d{1,5}))?$/.exec(value);
    const name = match?.[1] ?? '';
    const port = match?.[2];
    if (!match || !(IPV4.test(name) || (HOST_NAME.test(name) && !/^[\d.]+$/.test(name)))) {
        return `is not ${wanted}.`;
    }
    if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) {
        return `has port ${port}; a port is 1 to 65535.`;
    }
    return undefined;
}
function parseRegistries(input, rules) {
    const requests = [];
    const problems = [];
    const lines = input.split(/\r\n|\r|\n/);
    for (const [index, raw] of lines.entries()) {
        const text = raw.trim();
        if (text === '' || text.startsWith('#'))
            continue;
        const parsed = parseLine(index + 1, text, rules);
        if ('problems' in parsed)
            problems.push(...parsed.problems);
        else
            requests.push(parsed.request);
    }
    problems.push(...clashes(requests, rules.formats));
    problems.push(...missingPrograms(requests, rules));
    return { requests, problems };
}
/** `registries line 3 (npm npm-private scope=acme)`: how every problem starts. */
function lineName(request) {
    return `Input 'registries' line ${request.line} (${request.text})`;
}
function parseLine(line, text, rules) {
    const where = lineName({ line, text });
    const [formatName = '', ...words] = text.split(/\s+/);
    const format = rules.formats.get(formatName);
    if (format === undefined) {
        const known = [...rules.formats.keys()].join(', ');
        return { problems: [`${where}: unknown format '${formatName}'; the formats are ${known}.`] };
    }
    const problems = [];
    const usage = formatUsage(format);
    let repository;
    let owner = rules.org;
    const first = words[0];
    const firstIsRepository = first !== undefined && !first.includes('=');
    if (format.repository === 'required') {
        if (firstIsRepository) {
            words.shift();
            const parts = first.split('/');
            if (parts.length > 2) {
                problems.push(`${where}: the repository '${first}' has more than one '/'; use REPO or OWNER/REPO (${usage}).`);
            }
            else {
                const [ownerPart, repoPart] = parts.length === 2 ? parts : [rules.org, parts[0]];
                for (const [what, value] of [
                    ['owner', ownerPart],
                    ['repository', repoPart]
                ]) {
                    if (parts.length === 2 || what === 'repository') {
                        const problem = rules.slugProblem(value ?? '');
                        if (problem)
                            problems.push(`${where}: the ${what} '${value}' ${problem}`);
                    }
                }
                owner = ownerPart ?? rules.org;
                repository = repoPart;
            }
        }
        else {
            problems.push(`${where}: a repository is missing; use ${usage}.`);
        }
    }
    else if (firstIsRepository) {
        problems.push(`${where}: ${format.format} takes no repository ('${first}'); use ${usage}.`);
        words.shift();
    }
    const options = new Map();
    for (const word of words) {
        const match = OPTION.exec(word);
        if (!match) {
            problems.push(`${where}: '${word}' is not key=value; use ${usage}.`);
            continue;
        }
        const [, key = '', value = ''] = match;
        if (!(key in format.options)) {
            problems.push(`${where}: unknown key '${key}'; ${format.format} accepts ${acceptedKeys(format)}.`);
        }
        else if (options.has(key)) {
            problems.push(`${where}: '${key}' is given twice.`);
        }
        else if (value === '') {
            problems.push(`${where}: '${key}' is empty; it takes ${format.options[key]}.`);
        }
        else if (isHostOption(key) && hostProblem(value) !== undefined) {
            problems.push(`${where}: ${key}=${value} ${hostProblem(value)}`);
        }
        else {
            options.set(key, value);
        }
    }
    if (problems.length > 0)
        return { problems };
    const request = { line, text, format: format.format, owner, repository, options };
    const own = [...format.validate(request), ...domainProblems(options)].map((problem) => `${where}: ${problem}`);
    return own.length > 0 ? { problems: own } : { request };
}
/** `docker [host=HOST] [username=NAME]`, from what the format declares. */
function formatUsage(format) {
    const repository = format.repository === 'required' ? ' REPOSITORY' : '';
    const options = Object.keys(format.options)
        .map((key) => ` [${key}=${optionPlaceholder(key)}]`)
        .join('');
    return `'${format.format}${repository}${options}'`;
}
function optionPlaceholder(key) {
    if (isHostOption(key))
        return 'HOST';
    if (isDomainOption(key))
        return 'KIND';
    return key.toUpperCase();
}
function acceptedKeys(format) {
    const keys = Object.entries(format.options);
    if (keys.length === 0)
        return 'no keys';
    return keys.map(([key, takes]) => `${key} (${takes})`).join(', ');
}
/**
 * A format given twice for the same host, or twice at all when it has room for one line: the
 * second line would undo the first.
 */
function clashes(requests, formats) {
    const seen = new Map();
    const firstOfFormat = new Map();
    const problems = [];
    for (const request of requests) {
        const format = formats.get(request.format);
        const first = firstOfFormat.get(request.format);
        if (format?.onlyOne !== undefined && first !== undefined) {
            problems.push(`${lineName(request)}: only one ${request.format} line is allowed and line ${first.line} is one; ${format.onlyOne}`);
            continue;
        }
        if (first === undefined)
            firstOfFormat.set(request.format, request);
        for (const host of format?.hosts(request) ?? []) {
            const id = `${request.format} ${host.toLowerCase()}`;
            const earlier = seen.get(id);
            if (earlier && earlier !== request) {
                problems.push(`${lineName(request)}: ${request.format} for ${host} is already configured on line ${earlier.line}; give each format one line per host.`);
            }
            else if (!earlier) {
                seen.set(id, request);
            }
        }
    }
    return problems;
}
function missingPrograms(requests, rules) {
    const problems = [];
    const looked = new Map();
    for (const request of requests) {
        for (const program of rules.formats.get(request.format)?.programs ?? []) {
            if (!looked.has(program))
                looked.set(program, rules.findProgram(program));
            if (looked.get(program) === undefined) {
                problems.push(`${lineName(request)}: the '${program}' program is not on PATH; install it in an earlier step or use a runner image that has it.`);
            }
        }
    }
    return problems;
}

;// CONCATENATED MODULE: ./src/registries/cargo.ts
/**
 * cargo: `cargo REPOSITORY [name=NAME] [host=HOST] [domain=KIND]`. Names a Cloudsmith repository
 * as a Cargo registry through three variables Cargo reads for `[registries.NAME]`: the sparse
 * index, the token, and the `cargo:token` credential provider (without a provider Cargo refuses to
 * authenticate to an alternative registry). Then a dependency with `registry = "NAME"` and
 * `cargo publish --registry NAME` send the key. No file is written.
 *
 * The token is sent verbatim: Cargo's `cargo:token` provider puts the variable's value into the
 * `Authorization` header as it is, and Cloudsmith reads an API key (an OIDC-issued one too) there
 * under the `Token` scheme, so the value is `Token <key>`.
 */



const CARGO_HOST = 'cargo.cloudsmith.io';
/** The scheme before the key in the `Authorization` header Cargo sends. */
const CARGO_AUTH_SCHEME = 'Token';
/** The credential provider that reads `CARGO_REGISTRIES_<NAME>_TOKEN`. */
const CARGO_TOKEN_PROVIDER = 'cargo:token';
/** The credential provider that runs a program for the token (the refresh helper's launcher). */
const CARGO_HELPER_PROVIDER = 'cargo:token-from-stdout';
/**
 * A Cargo registry name this action can map to variables: Cargo's own rule (a letter or `_`,
 * then letters, digits, `-` and `_`) kept to ASCII, so the variable name is plain ASCII too.
 */
const REGISTRY_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** Cargo's name for crates.io: its variables would send the key to crates.io. */
const CRATES_IO = 'CRATES_IO';
/** The registry's name: `name=`, else the repository slug. */
function registryName(request) {
    return request.options.get('name') ?? request.repository ?? '';
}
/**
 * The part every variable of a registry shares, the way Cargo maps `registries.NAME` to the
 * environment: upper case, `-` as `_`. `acme-crates` → `CARGO_REGISTRIES_ACME_CRATES_`.
 */
function variablePrefix(name) {
    return `CARGO_REGISTRIES_${name.toUpperCase().replaceAll('-', '_')}_`;
}
/** `sparse+https://cargo.cloudsmith.io/ORG/REPO/`, or a custom domain's form of it (domains.ts). */
function indexUrl(request) {
    const { host, path } = domainEndpoint(request, 'host', CARGO_HOST);
    return `sparse+https://${host}${path}`;
}
const cargo = {
    format: 'cargo',
    repository: 'required',
    options: {
        name: `the Cargo registry name that Cargo.toml and --registry use (default: the repository slug)`,
        host: `the index host (default ${CARGO_HOST}; an organization's custom domain)`,
        domain: domainOptionText('domain')
    },
    programs: [],
    // The index rather than the bare host: two Cloudsmith repositories on cargo.cloudsmith.io are
    // two registries; the same index twice is one line too many.
    hosts: (request) => [indexUrl(request).slice('sparse+https://'.length)],
    validate(request) {
        const problems = cloudsmithHostProblem(request, 'host', CARGO_HOST);
        const name = registryName(request);
        const given = request.options.has('name');
        if (!REGISTRY_NAME.test(name)) {
            problems.push(given
                ? `name=${name} is not a Cargo registry name: a letter or '_', then letters, digits, '-' and '_'.`
                : `the repository slug '${name}' is not a Cargo registry name (a letter or '_', then letters, digits, '-' and '_'); give one with name=NAME.`);
        }
        else if (variablePrefix(name) === variablePrefix(CRATES_IO)) {
            problems.push(`${given ? `name=${name}` : `the repository slug '${name}'`} is Cargo's name for crates.io, whose token would then be the Cloudsmith key; choose another with name=NAME.`);
        }
        return problems;
    },
    plan(request, context) {
        const name = registryName(request);
        const prefix = variablePrefix(name);
        const index = indexUrl(request);
        const names = {
            index: `${prefix}INDEX`,
            token: `${prefix}TOKEN`,
            provider: `${prefix}CREDENTIAL_PROVIDER`
        };
        const clash = clashingVariables(context, names, index);
        if (clash.length > 0) {
            return {
                problems: [
                    `${lineName(request)}: ${clash.join(' and ')} ${clash.length === 1 ? 'is' : 'are'} already set for another registry named '${name}' (by an earlier step, the runner's environment or the workflow's env:); this line would replace ${clash.length === 1 ? 'it' : 'them'}. Give this registry another name with name=NAME, or remove the other setting.`
                ]
            };
        }
        // post clears the token; the index and provider hold nothing secret, and Cargo refuses an
        // empty index ("invalid index URL") in later post steps: they go back to an earlier value, or
        // stay set when there was none
        const previous = (variable) => context.env[variable] || null;
        const setting = (variable, value) => ({
            kind: 'env',
            name: variable,
            value: [value],
            secret: false,
            restore: previous(variable)
        });
        const use = `use registry = "${name}" on dependencies in Cargo.toml, or cargo publish --registry ${name}.`;
        if (context.refresh !== undefined) {
            const launcher = context.refresh.launcherPath('cargo');
            // Cargo splits the provider setting at white space
            if (/\s/.test(launcher)) {
                return {
                    problems: [
                        `${lineName(request)}: the refresh helper's launcher path ${launcher} holds white space, which Cargo's credential-provider setting cannot carry. Fix: run on a runner whose RUNNER_TEMP has no spaces, or set refresh: false.`
                    ]
                };
            }
            return {
                request,
                title: `cargo: registry '${name}' at ${index}, the key from the refresh helper`,
                steps: [
                    setting(names.index, index),
                    setting(names.provider, `${CARGO_HELPER_PROVIDER} ${launcher}`)
                ],
                notes: [
                    `Cargo runs ${launcher} (${CARGO_HELPER_PROVIDER}) for the Authorization header ('${CARGO_AUTH_SCHEME} ' and the current key) of each request for this registry; ${use}`
                ],
                helpers: [{ protocol: 'cargo' }]
            };
        }
        return {
            request,
            title: `cargo: registry '${name}' at ${index}`,
            steps: [
                setting(names.index, index),
                setting(names.provider, CARGO_TOKEN_PROVIDER),
                {
                    kind: 'env',
                    name: names.token,
                    value: [`${CARGO_AUTH_SCHEME} `, KEY],
                    secret: true,
                    restore: ''
                }
            ],
            notes: [
                `Cargo sends ${names.token} as the Authorization header ('${CARGO_AUTH_SCHEME} ' and the key) to every request for this registry; ${use}`
            ]
        };
    }
};
/**
 * The registry's variables that are already set to something else than this line would set.
 * An index equal to this line's is taken as this action's own from an earlier step (run again to
 * renew the key), and replaced.
 */
function clashingVariables(context, names, index) {
    const set = (variable) => (context.env[variable] ?? '') !== '';
    if (context.env[names.index] === index)
        return [];
    return [names.index, names.token, names.provider].filter(set);
}

;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = require("node:path");
;// CONCATENATED MODULE: ./src/registries/go-json.ts
/**
 * JSON read the way Go's encoding/json Decoder reads it, for files a Go program (docker) reads:
 * the first value of the text only (what follows it is never looked at), white space being only
 * space, tab, CR and LF (a UTF-8 byte order mark is an error), and every member of an object kept
 * in order with its duplicates, so the caller can apply Go's rules for them. Pure.
 */
/** The first JSON value of `text`; undefined when there is none (Go's io.EOF); throws a SyntaxError. */
function parseGoJson(text) {
    const reader = new Reader(text);
    reader.space();
    if (reader.at >= text.length)
        return undefined;
    return reader.value(0);
}
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const LITERALS = {
    true: { kind: 'bool' },
    false: { kind: 'bool' },
    null: { kind: 'null' }
};
/** Go refuses nesting deeper than 10000; this reader, recursive, stops sooner (a refusal). */
const MAX_DEPTH = 1000;
class Reader {
    text;
    at = 0;
    constructor(text) {
        this.text = text;
    }
    space() {
        while (' \t\r\n'.includes(this.text[this.at] ?? 'x'))
            this.at++;
    }
    fail(what) {
        throw new SyntaxError(`${what} at character ${this.at + 1}`);
    }
    /** The separator or the closing character after a member or an item, read. */
    next(separator, close) {
        this.space();
        const char = this.text[this.at] ?? '';
        if (char !== separator && char !== close)
            this.fail(`expected '${separator}' or '${close}'`);
        this.at++;
        return char;
    }
    value(depth) {
        if (depth > MAX_DEPTH)
            this.fail('nesting too deep');
        this.space();
        const char = this.text[this.at];
        if (char === '{')
            return this.object(depth);
        if (char === '[')
            return this.array(depth);
        if (char === '"')
            return { kind: 'string', value: this.string() };
        for (const [word, value] of Object.entries(LITERALS)) {
            if (this.text.startsWith(word, this.at)) {
                this.at += word.length;
                return value;
            }
        }
        NUMBER.lastIndex = this.at;
        if (NUMBER.exec(this.text) !== null) {
            this.at = NUMBER.lastIndex;
            return { kind: 'number' };
        }
        return this.fail(char === undefined ? 'unexpected end' : 'invalid character');
    }
    object(depth) {
        this.at++;
        const members = [];
        this.space();
        if (this.text[this.at] === '}') {
            this.at++;
            return { kind: 'object', members };
        }
        for (;;) {
            this.space();
            if (this.text[this.at] !== '"')
                this.fail('expected a member name');
            const name = this.string();
            this.space();
            if (this.text[this.at] !== ':')
                this.fail("expected ':'");
            this.at++;
            members.push([name, this.value(depth + 1)]);
            if (this.next(',', '}') === '}')
                return { kind: 'object', members };
        }
    }
    array(depth) {
        this.at++;
        const items = [];
        this.space();
        if (this.text[this.at] === ']') {
            this.at++;
            return { kind: 'array', items };
        }
        for (;;) {
            items.push(this.value(depth + 1));
            if (this.next(',', ']') === ']')
                return { kind: 'array', items };
        }
    }
    /** A string literal; Go puts U+FFFD for a lone surrogate escape. */
    string() {
        this.at++;
        let out = '';
        for (;;) {
            const char = this.text[this.at];
            if (char === undefined)
                this.fail('unterminated string');
            if (char === '"') {
                this.at++;
                return out;
            }
            if (char < ' ')
                this.fail('control character in string');
            if (char !== '\\') {
                out += char;
                this.at++;
                continue;
            }
            const escape = this.text[this.at + 1] ?? '';
            const simple = ESCAPES[escape];
            if (simple !== undefined) {
                out += simple;
                this.at += 2;
                continue;
            }
            if (escape !== 'u')
                this.fail('invalid escape');
            const unit = this.hex(this.at + 2);
            this.at += 6;
            if (unit >= 0xd800 && unit < 0xdc00 && this.text.startsWith('\\u', this.at)) {
                const low = this.hex(this.at + 2);
                if (low >= 0xdc00 && low < 0xe000) {
                    out += String.fromCharCode(unit, low);
                    this.at += 6;
                    continue;
                }
            }
            out += unit >= 0xd800 && unit < 0xe000 ? '\ufffd' : String.fromCharCode(unit);
        }
    }
    hex(from) {
        const digits = this.text.slice(from, from + 4);
        if (!/^[0-9A-Fa-f]{4}$/.test(digits))
            this.fail('invalid \\u escape');
        return parseInt(digits, 16);
    }
}
const ESCAPES = {
    '"': '"',
    '\\': '\\',
    '/': '/',
    b: '\b',
    f: '\f',
    n: '\n',
    r: '\r',
    t: '\t'
};
/**
 * Go's rule for matching an object member to a struct field: the exact name, else the name
 * folded (ASCII case, and the non-ASCII letters Go folds to ASCII ones: ſ, K, İ, ı).
 */
function goFold(name) {
    return [...name]
        .map((char) => (char < '\u0080' ? char.toUpperCase() : (GO_FOLDS[char] ?? char)))
        .join('');
}
const GO_FOLDS = {
    '\u017f': 'S',
    '\u212a': 'K',
    '\u0130': 'I',
    '\u0131': 'I'
};

;// CONCATENATED MODULE: ./src/registries/docker-config.ts
/**
 * docker's config.json read the way docker 28 reads it (github.com/docker/cli, configfile): Go's
 * encoding/json into docker's ConfigFile (member names matched exactly, else case-folded; a
 * duplicate `auths` merged into the first, the last of a duplicate address kept; a type docker
 * does not take fails the whole file), then each `auth` decoded as base64 `NAME:PASSWORD`. A file
 * docker cannot read is reported as such, never taken as empty: docker would warn, start from an
 * empty config and write that back over the user's file. Pure.
 */

const EMPTY_CONFIG = {
    auths: new Map(),
    credsStore: '',
    credHelpers: undefined,
    written: []
};
/** Whether an entry holds a credential docker would use (or a user would miss). */
function docker_config_holdsCredential(entry) {
    return (entry !== undefined &&
        [entry.username, entry.password, entry.identityToken, entry.registryToken].some((value) => value !== ''));
}
/** config.json's text (undefined: there is none) read as docker reads it. */
function readDockerConfig(text) {
    if (text === undefined)
        return { ok: true, config: EMPTY_CONFIG };
    let value;
    try {
        value = parseGoJson(text);
    }
    catch (error) {
        const bom = text.startsWith('\ufeff') ? ' (it begins with a UTF-8 byte order mark)' : '';
        return {
            ok: false,
            why: `it is not JSON as docker reads it${bom}: ${error.message}`
        };
    }
    if (value === undefined || value.kind === 'null')
        return { ok: true, config: EMPTY_CONFIG };
    if (value.kind !== 'object')
        return { ok: false, why: 'it is not a JSON object' };
    const decoded = new ConfigDecoder();
    for (const [name, member] of value.members)
        decoded.member(name, member);
    if (decoded.problem !== undefined)
        return { ok: false, why: decoded.problem };
    const auths = new Map();
    for (const [address, { auth, ...entry }] of decoded.auths ?? []) {
        // an auth, when there is one, gives the user name and password (docker's LoadFromReader)
        const login = auth === '' ? {} : decodeAuth(auth);
        if (login === undefined) {
            return {
                ok: false,
                why: `the auth of auths entry "${address}" is not base64 of NAME:PASSWORD`
            };
        }
        auths.set(address, { ...entry, ...login });
    }
    return {
        ok: true,
        config: {
            auths,
            credsStore: decoded.credsStore,
            credHelpers: decoded.credHelpers,
            written: decoded.written
        }
    };
}
/** docker's decodeAuth: Go's standard base64 (CR and LF ignored), `NAME:PASSWORD`, NAME not empty. */
function decodeAuth(auth) {
    const text = auth.replace(/[\r\n]/g, '');
    if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) {
        return undefined;
    }
    const decoded = Buffer.from(text, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0)
        return undefined;
    return {
        username: decoded.slice(0, colon),
        password: decoded.slice(colon + 1).replace(/^\0+|\0+$/g, '')
    };
}
/** ConfigFile's members and their Go types (docker/cli v28). */
const CONFIG_FIELDS = {
    auths: 'auths',
    HttpHeaders: 'stringMap',
    psFormat: 'string',
    imagesFormat: 'string',
    networksFormat: 'string',
    pluginsFormat: 'string',
    volumesFormat: 'string',
    statsFormat: 'string',
    detachKeys: 'string',
    credsStore: 'string',
    credHelpers: 'stringMap',
    serviceInspectFormat: 'string',
    servicesFormat: 'string',
    tasksFormat: 'string',
    secretFormat: 'string',
    configFormat: 'string',
    nodesFormat: 'string',
    pruneFilters: 'stringList',
    proxies: 'proxies',
    currentContext: 'string',
    cliPluginsExtraDirs: 'stringList',
    plugins: 'plugins',
    aliases: 'stringMap',
    features: 'stringMap',
    experimental: 'string'
};
const AUTH_FIELDS = [
    'username',
    'password',
    'auth',
    'email',
    'serveraddress',
    'identitytoken',
    'registrytoken'
];
const PROXY_FIELDS = ['httpProxy', 'httpsProxy', 'noProxy', 'ftpProxy', 'allProxy'];
const CREDENTIAL_FIELDS = new Set(['username', 'password', 'auth', 'identitytoken', 'registrytoken'].map(goFold));
/** The struct field a member name sets, by Go's rule (exact, else folded), or undefined. */
function fieldOf(name, fields) {
    return fields.includes(name) ? name : fields.find((field) => goFold(field) === goFold(name));
}
class ConfigDecoder {
    problem;
    auths = new Map();
    credsStore = '';
    credHelpers;
    written = [];
    wrong(what) {
        this.problem ??= `${what} is not of the type docker takes`;
    }
    member(name, value) {
        const field = fieldOf(name, Object.keys(CONFIG_FIELDS));
        if (field === undefined)
            return;
        const type = CONFIG_FIELDS[field];
        if (field === 'auths')
            return this.authsMember(value);
        if (field === 'credsStore') {
            if (value.kind === 'string')
                this.credsStore = value.value;
            else if (value.kind !== 'null')
                this.wrong(name);
            return;
        }
        if (field === 'credHelpers') {
            if (value.kind === 'null')
                this.credHelpers = undefined;
            else if (value.kind === 'object') {
                this.credHelpers ??= new Map();
                for (const [host, helper] of value.members) {
                    if (helper.kind === 'string')
                        this.credHelpers.set(host, helper.value);
                    else if (helper.kind === 'null')
                        this.credHelpers.set(host, '');
                    else
                        this.wrong(`credHelpers "${host}"`);
                }
            }
            else
                this.wrong(name);
            return;
        }
        if (!fits(value, type))
            this.wrong(name);
    }
    authsMember(value) {
        if (value.kind === 'null') {
            this.auths = undefined;
            return;
        }
        if (value.kind !== 'object')
            return this.wrong('auths');
        this.auths ??= new Map();
        for (const [address, entry] of value.members) {
            const fields = {};
            let holds = false;
            if (entry.kind === 'object') {
                for (const [name, field] of entry.members) {
                    const known = fieldOf(name, AUTH_FIELDS);
                    if (field.kind === 'string' && known !== undefined)
                        fields[known] = field.value;
                    else if (field.kind !== 'null' && known !== undefined)
                        this.wrong(`auths "${address}" ${name}`);
                    if (CREDENTIAL_FIELDS.has(goFold(name)) &&
                        !(field.kind === 'string' && field.value === '') &&
                        field.kind !== 'null') {
                        holds = true;
                    }
                }
            }
            else if (entry.kind !== 'null')
                this.wrong(`auths "${address}"`);
            this.written.push({ address, holds });
            this.auths.set(address, {
                username: fields['username'] ?? '',
                password: fields['password'] ?? '',
                auth: fields['auth'] ?? '',
                identityToken: fields['identitytoken'] ?? '',
                registryToken: fields['registrytoken'] ?? ''
            });
        }
    }
}
/** Whether Go would decode `value` into a field of `type` without an error. */
function fits(value, type) {
    if (value.kind === 'null')
        return true;
    const strings = (members) => members.every(([, item]) => item.kind === 'string' || item.kind === 'null');
    switch (type) {
        case 'string':
            return value.kind === 'string';
        case 'stringMap':
            return value.kind === 'object' && strings(value.members);
        case 'stringList':
            return (value.kind === 'array' &&
                value.items.every((item) => item.kind === 'string' || item.kind === 'null'));
        case 'plugins':
            return (value.kind === 'object' &&
                value.members.every(([, item]) => item.kind === 'null' || (item.kind === 'object' && strings(item.members))));
        case 'proxies':
            return (value.kind === 'object' &&
                value.members.every(([, item]) => item.kind === 'null' ||
                    (item.kind === 'object' &&
                        item.members.every(([name, field]) => fieldOf(name, PROXY_FIELDS) === undefined ||
                            field.kind === 'string' ||
                            field.kind === 'null'))));
        case 'auths':
            return true;
    }
}

;// CONCATENATED MODULE: ./src/registries/paths.ts
/** Path rules shared by the planners and the runner side, for the platform given. Pure. */

/** Whether `path` lies strictly inside `dir`, by the platform's path rules. */
function isInside(dir, path, platform) {
    const paths = platform === 'win32' ? win32 : posix;
    if (!paths.isAbsolute(dir) || !paths.isAbsolute(path))
        return false;
    const relative = paths.relative(paths.resolve(dir), paths.resolve(path));
    return relative !== '' && !relative.startsWith('..') && !paths.isAbsolute(relative);
}
/**
 * Whether `path` is `dir` or lies inside it as the platform's file system sees names, for a guard
 * that refuses what may be inside (it errs towards 'inside'): on Windows the device and UNC forms
 * of a drive (\\?\C:\, \\.\C:\, \\localhost\C$\), trailing dots and spaces, a stream suffix
 * (::$INDEX_ALLOCATION) and case; on macOS case and Unicode normalisation. An 8.3 short name
 * (PROGRA~1) or a path with no drive cannot be compared. Both should be real paths already.
 */
function placeOf(dir, path, platform) {
    const canonical = platform === 'win32' ? windowsCanonical : posixCanonical(platform);
    const folder = canonical(dir);
    const target = canonical(path);
    if ('unknown' in folder)
        return folder;
    if ('unknown' in target)
        return target;
    if (folder.root !== target.root)
        return 'outside';
    const short = [...folder.parts, ...target.parts].find((part) => /~\d/.test(part));
    if (short !== undefined) {
        return {
            unknown: `${short} looks like an 8.3 short name, which names a folder only the file system can tell`
        };
    }
    const inside = folder.parts.length <= target.parts.length &&
        folder.parts.every((part, index) => part === target.parts[index]);
    return inside ? 'inside' : 'outside';
}
function posixCanonical(platform) {
    // macOS file systems (APFS, HFS+) ignore case and Unicode normalisation by default
    const fold = platform === 'darwin'
        ? (part) => foldCase(part.normalize('NFD'))
        : (part) => part;
    return (path) => {
        if (!external_node_path_namespaceObject.posix.isAbsolute(path))
            return { unknown: `${path} is not a full path` };
        return {
            root: '/',
            parts: external_node_path_namespaceObject.posix
                .resolve(path)
                .split('/')
                .filter((part) => part !== '')
                .map(fold)
        };
    };
}
/** Each character in upper case where that keeps it one character (as NTFS's upcase table). */
function foldCase(text) {
    return [...text]
        .map((char) => {
        const upper = char.toUpperCase();
        return [...upper].length === 1 ? upper : char;
    })
        .join('');
}
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '.', '?']);
/** A Windows path as drive (or \\server\share) and folded components, the way Win32 reads it. */
function windowsCanonical(path) {
    let rest = path.replace(/\//g, '\\');
    const device = /^\\\\[?.]\\/.exec(rest);
    if (device) {
        rest = rest.slice(4);
        if (/^UNC\\/i.test(rest))
            rest = `\\\\${rest.slice(4)}`;
        else if (!/^[A-Za-z]:(\\|$)/.test(rest)) {
            return { unknown: `${path} is a device path that names a volume or device, not a drive` };
        }
    }
    let root;
    const drive = /^([A-Za-z]):(?:\\|$)/.exec(rest);
    const share = /^\\\\([^\\]+)\\([^\\]+)(?:\\|$)/.exec(rest);
    if (drive) {
        root = `${drive[1].toUpperCase()}:`;
        rest = rest.slice(2);
    }
    else if (share) {
        const host = share[1].toLowerCase();
        const adminShare = /^([A-Za-z])\$$/.exec(share[2]);
        root =
            LOCAL_HOSTS.has(host) && adminShare
                ? `${adminShare[1].toUpperCase()}:`
                : `\\\\${foldCase(host)}\\${foldCase(share[2])}`;
        rest = rest.slice(share[0].length);
    }
    else {
        return {
            unknown: `${path} is not a full path with a drive (a path such as \\a or C:a depends on the current drive or folder)`
        };
    }
    const parts = [];
    for (const raw of rest.split('\\')) {
        // a stream suffix (folder::$INDEX_ALLOCATION) names the folder itself; Win32 drops trailing
        // dots and spaces
        const name = raw
            .split(':')[0]
            .replace(/[. ]+$/, (trail) => (raw === '.' || raw === '..' ? trail : ''));
        if (name === '' || name === '.')
            continue;
        if (name === '..')
            parts.pop();
        else
            parts.push(foldCase(name));
    }
    return { root, parts };
}

;// CONCATENATED MODULE: ./src/registries/docker-guard.ts
/**
 * Where docker would keep the stored key, checked before the login: never in the workspace (by
 * real path, with the platform's rules for names), never in a config.json other users can read.
 * Each refusal says why and how to proceed. Pure: the machine's answers come in the PlanContext.
 */



/** The command (in the runner's default shell) that gives later steps a config of their own. */
function setOwnConfig(platform) {
    return platform === 'win32'
        ? `"DOCKER_CONFIG=$env:RUNNER_TEMP\\docker" >> $env:GITHUB_ENV`
        : `echo "DOCKER_CONFIG=$RUNNER_TEMP/docker" >> "$GITHUB_ENV"`;
}
/** The fix that gives docker a config of its own for the job. */
function ownConfig(platform) {
    return `give docker a config of its own for this job (later steps then see only the logins made in it): in a step before this one, run: ${setOwnConfig(platform)}`;
}
const WHERE_KEY_GOES = `docker keeps its stored key (base64 of the user name and the key) in that folder until the post step, where an upload-artifact or cache step could pick it up`;
const fixPlace = (platform) => `point DOCKER_CONFIG at a folder under RUNNER_TEMP (in a step before this one, run: ${setOwnConfig(platform)}), or unset it.`;
/** A DOCKER_CONFIG that is not a full path, or a config folder that is (or may be) in the workspace. */
function placeRefusal(request, context, configDir, configFile) {
    const windows = context.platform === 'win32';
    const paths = windows ? external_node_path_namespaceObject.win32 : external_node_path_namespaceObject.posix;
    const configured = context.env['DOCKER_CONFIG'];
    const full = windows ? /^(?:[A-Za-z]:[\\/]|[\\/]{2})/ : /^\//;
    if (configured && !full.test(configured)) {
        return {
            problem: `${lineName(request)}: DOCKER_CONFIG (${configured}) is not a full path.`,
            cause: `docker resolves such a path against the working directory (the workspace) or the current drive; ${WHERE_KEY_GOES}.`,
            fix: fixPlace(context.platform)
        };
    }
    const workspace = context.env['GITHUB_WORKSPACE'];
    if (!workspace || !paths.isAbsolute(workspace))
        return undefined;
    const real = (path) => context.inspectPath === undefined ? path : context.inspectPath(path).realPath;
    const realWorkspace = real(workspace) ?? workspace;
    const realDir = real(configDir);
    const realFile = real(configFile);
    if (realDir === undefined || realFile === undefined) {
        return {
            problem: `${lineName(request)}: cannot tell where docker's config ${configFile} really is (a symbolic link leads nowhere, in a loop, or through a folder that cannot be read).`,
            cause: `docker follows the link and would write its stored key wherever it ends; ${WHERE_KEY_GOES}.`,
            fix: fixPlace(context.platform)
        };
    }
    // as written, only a sure 'inside' counts: the real paths settle what the names leave open
    const compared = [
        [workspace, configDir, false],
        [realWorkspace, realDir, true],
        [realWorkspace, realFile, true]
    ];
    for (const [folder, path, resolved] of compared) {
        const placement = placeOf(folder, path, context.platform);
        if (placement === 'outside' || (!resolved && placement !== 'inside'))
            continue;
        const really = path === configDir ? '' : ` (really ${path})`;
        if (placement === 'inside') {
            return {
                problem: `${lineName(request)}: docker's config ${path === realFile ? configFile : configDir}${really} lies inside the workspace (GITHUB_WORKSPACE, ${workspace}).`,
                cause: `DOCKER_CONFIG (or HOME) points into the workspace, directly or through a symbolic link; ${WHERE_KEY_GOES}.`,
                fix: fixPlace(context.platform)
            };
        }
        return {
            problem: `${lineName(request)}: cannot tell whether docker's config folder ${configDir} lies inside the workspace (GITHUB_WORKSPACE, ${workspace}): ${placement.unknown}.`,
            cause: `the path is in a form the step cannot compare by the file system's rules; ${WHERE_KEY_GOES}.`,
            fix: fixPlace(context.platform)
        };
    }
    return undefined;
}
/** A config.json docker would write the key into that other users can read. */
function modeRefusal(request, context, configFile) {
    if (context.platform === 'win32')
        return undefined;
    const mode = context.inspectPath?.(configFile).mode;
    if (mode === undefined || (mode & 0o077) === 0)
        return undefined;
    return {
        problem: `${lineName(request)}: ${configFile} has mode ${(mode & 0o777).toString(8).padStart(4, '0')}: other users of this machine can read it, and docker keeps a file's mode when it rewrites it, so they could read the key docker stores there.`,
        cause: `the file was created with a loose umask, or copied in by an earlier step.`,
        fix: `run chmod 600 ${configFile} before this step, or ${ownConfig(context.platform)}.`
    };
}

;// CONCATENATED MODULE: ./src/registries/docker-stores.ts
/**
 * docker's ConvertToHostname: an address with `://` is reduced to its host (and port), anything
 * else to what comes before the first `/`.
 */
function docker_stores_convertToHostname(address) {
    if (address.includes('://')) {
        const authority = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(address)?.[1];
        if (authority !== undefined) {
            const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
            const bracketed = /^\[([^\]]*)\](?::(\d*))?$/.exec(hostPort);
            const [host, port] = bracketed
                ? [bracketed[1] ?? '', bracketed[2] ?? '']
                : hostPort.includes(':')
                    ? [
                        hostPort.slice(0, hostPort.lastIndexOf(':')),
                        hostPort.slice(hostPort.lastIndexOf(':') + 1)
                    ]
                    : [hostPort, ''];
            if (host !== '') {
                if (port === '')
                    return host;
                return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
            }
        }
    }
    return address.split('/')[0] ?? '';
}
/** The addresses `docker logout HOST` erases, each from its own store: HOST, http://HOST, https://HOST. */
function docker_stores_logoutAddresses(host) {
    return [host, `http://${host}`, `https://${host}`];
}
/**
 * The credential store docker uses for an address: a credHelpers entry for it (even an empty one,
 * which means config.json), else credsStore, else, for a config that names no store and holds no
 * login, the platform's default store when its program is on PATH (`defaultStore`). '' is
 * config.json itself.
 */
function docker_stores_storeFor(config, address, defaultStore) {
    const helper = config.credHelpers?.get(address);
    if (helper !== undefined)
        return helper;
    if (config.credsStore !== '')
        return config.credsStore;
    const containsAuth = (config.credHelpers?.size ?? 0) > 0 || config.auths.size > 0;
    return containsAuth ? '' : defaultStore;
}
/**
 * docker's platform default store (credentials.DetectDefaultStore), given which programs are on
 * PATH: osxkeychain on macOS, wincred on Windows, pass (when `pass` is on PATH) or secretservice
 * on Linux; '' when its docker-credential- program is missing.
 */
function defaultStore(platform, onPath) {
    const store = platform === 'darwin'
        ? 'osxkeychain'
        : platform === 'win32'
            ? 'wincred'
            : platform === 'linux'
                ? onPath('pass')
                    ? 'pass'
                    : 'secretservice'
                : '';
    return store !== '' && onPath(`docker-credential-${store}`) ? store : '';
}

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = require("node:crypto");
;// CONCATENATED MODULE: ./src/fingerprint.ts
/**
 * SHA-256 in hex: how the saved state and the post step recognise a secret (the key, a value
 * holding it, a stored credential) without keeping it.
 */

function fingerprint_fingerprint(text) {
    return createHash('sha256').update(text).digest('hex');
}

;// CONCATENATED MODULE: ./src/registries/docker-view.ts
/**
 * What docker holds for a host, pure, with a credential helper's answers passed in (`ask`): the
 * standing logins a `docker login HOST` would replace or a `docker logout HOST` would erase (every
 * spelling docker takes for the host in config.json, and each spelling's store), and, for the
 * post step, whether docker's credential for the host is exactly the one this step gave it.
 */



/**
 * Every login that stands for `host`: a config.json entry holding a credential under any address
 * docker reads as the host (as written, duplicates included), an entry docker's own reading would
 * lose when it writes the file back, and each logout address whose store holds (or may hold) one.
 */
function standingLogins(config, host, defaultStore, ask) {
    const found = [];
    const addresses = docker_stores_logoutAddresses(host);
    const seen = new Set();
    for (const { address, holds } of config.written) {
        if (!holds || seen.has(address))
            continue;
        if (addresses.includes(address) || docker_stores_convertToHostname(address) === host) {
            seen.add(address);
            found.push({ kind: 'config', address });
        }
    }
    for (const address of droppedOnWrite(config)) {
        if (!seen.has(address))
            found.push({ kind: 'dropped', address });
    }
    const silent = new Set();
    for (const address of addresses) {
        const store = docker_stores_storeFor(config, address, defaultStore);
        // a store that did not answer once is not asked again
        if (store === '' || silent.has(store))
            continue;
        const read = ask(store, address);
        if (read.kind === 'found')
            found.push({ kind: 'store', store, address });
        if (read.kind === 'unknown') {
            silent.add(store);
            found.push({ kind: 'unknown', store, address, why: read.why });
        }
    }
    return found;
}
/** Addresses written with a credential more often than docker's reading keeps one. */
function droppedOnWrite(config) {
    const written = new Map();
    for (const { address, holds } of config.written) {
        if (holds)
            written.set(address, (written.get(address) ?? 0) + 1);
    }
    return [...written]
        .filter(([address, count]) => count > (docker_config_holdsCredential(config.auths.get(address)) ? 1 : 0))
        .map(([address]) => address);
}
function dockerHolder(config, login, defaultStore, ask) {
    const holder = hostHolder(config, login, defaultStore, ask);
    if (holder.kind !== 'ours')
        return holder;
    for (const address of logoutAddresses(login.host).slice(1)) {
        if (holdsCredential(config.auths.get(address))) {
            return { kind: 'shared', address, store: 'config.json' };
        }
        const store = storeFor(config, address, defaultStore);
        if (store === '')
            continue;
        const read = ask(store, address);
        if (read.kind === 'unknown')
            return read;
        if (read.kind === 'found')
            return { kind: 'shared', address, store };
    }
    return holder;
}
/** docker's view of the host's own address (what `docker login HOST` wrote). */
function hostHolder(config, login, defaultStore, ask) {
    const store = storeFor(config, login.host, defaultStore);
    if (store === '') {
        const entry = config.auths.get(login.host) ??
            [...config.auths].find(([address]) => convertToHostname(address) === login.host)?.[1];
        if (!holdsCredential(entry))
            return { kind: 'none' };
        const ours = entry.username === login.username &&
            fingerprint(entry.password) === login.keySha256 &&
            entry.identityToken === '' &&
            entry.registryToken === '';
        return { kind: ours ? 'ours' : 'other' };
    }
    const read = ask(store, login.host);
    if (read.kind !== 'found')
        return read;
    return { kind: helperAnswerIsOurs(read.answer, login) ? 'ours' : 'other' };
}
/** Whether a credential helper's `get` answer (`{"Username", "Secret"}`) is this step's login. */
function helperAnswerIsOurs(answer, login) {
    let parsed;
    try {
        parsed = JSON.parse(answer);
    }
    catch {
        return false;
    }
    if (typeof parsed !== 'object' || parsed === null)
        return false;
    const { Username: username, Secret: secret } = parsed;
    return (username === login.username &&
        typeof secret === 'string' &&
        fingerprint(secret) === login.keySha256);
}

;// CONCATENATED MODULE: ./src/registries/docker-refresh.ts

function helperPlan(request, line) {
    if (line.ownHelper !== undefined) {
        return {
            problems: [],
            refusals: [
                {
                    problem: `${lineName(request)}: ${line.configFile} already names the credential helper '${line.ownHelper}' for ${line.host}; refresh would replace it.`,
                    cause: 'the runner or an earlier step set docker up to ask that helper for this registry.',
                    fix: 'give docker its own config for this job (set DOCKER_CONFIG to a new folder under RUNNER_TEMP before this step), or remove that entry before this step.'
                }
            ]
        };
    }
    if (line.username !== line.defaultUsername) {
        return {
            problems: [
                `${lineName(request)}: with refresh: true the helper answers docker with the user name ${line.defaultUsername}; remove username=${line.username}, or set refresh: false.`
            ]
        };
    }
    const pinned = line.pinStore === undefined
        ? []
        : [
            `docker used its default store '${line.pinStore}' without the config naming it; the step names it (credsStore) so other registries stay there, and post takes it out again.`
        ];
    return {
        request,
        title: `docker: the refresh helper answers for ${line.host}`,
        steps: [],
        notes: [
            `docker asks docker-credential-${line.helper} (credHelpers in ${line.configFile}) for the key each time it needs one; the helper exchanges again before the key expires. The post step removes the entry.`,
            ...pinned
        ],
        helpers: [
            {
                protocol: 'docker',
                host: line.host,
                configFile: line.configFile,
                ...(line.pinStore === undefined ? {} : { pinnedStore: line.pinStore })
            }
        ]
    };
}

;// CONCATENATED MODULE: ./src/registries/docker.ts
/**
 * docker: `docker [host=HOST] [username=NAME]`. Logs the real docker CLI in to Cloudsmith's
 * registry (docker.cloudsmith.io, or an organization's custom domain) with the key on standard
 * input. Docker keeps the credential in its config (DOCKER_CONFIG, or ~/.docker/config.json) or in
 * the credential store that config names, until the post step logs out.
 *
 * The line is refused (each refusal with its cause and fix) when docker already holds a login it
 * would use or erase for the host (docker-view.ts), when it cannot read its config as docker does
 * (docker-config.ts), or when the key would land in the workspace or in a file others can read
 * (docker-guard.ts).
 */







const DOCKER_HOST = 'docker.cloudsmith.io';
/** The username Cloudsmith's credential helper and the External Secrets generator use with a key. */
const DOCKER_USERNAME = 'token';
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9_.@+-]{0,127}$/;
function host(request) {
    return request.options.get('host') ?? DOCKER_HOST;
}
/** DOCKER_CONFIG, or .docker in the home directory, with the platform's separators. */
function dockerConfigDir(context) {
    const paths = context.platform === 'win32' ? external_node_path_namespaceObject.win32 : external_node_path_namespaceObject.posix;
    const configured = context.env['DOCKER_CONFIG'];
    return configured ? paths.resolve(configured) : paths.join(context.homeDir, '.docker');
}
function dockerConfigFile(configDir, platform) {
    return (platform === 'win32' ? external_node_path_namespaceObject.win32 : external_node_path_namespaceObject.posix).join(configDir, 'config.json');
}
const docker = {
    format: 'docker',
    repository: 'none',
    options: {
        host: "the registry's host (default docker.cloudsmith.io; an organization's custom domain)",
        username: `the user name to log in as (default ${DOCKER_USERNAME})`
    },
    programs: ['docker'],
    hosts: (request) => [host(request)],
    validate(request) {
        const username = request.options.get('username');
        if (username !== undefined && !USERNAME.test(username)) {
            return [
                `username=${username} is not a user name: letters, digits, '_', '.', '@', '+' and '-', starting with a letter or digit, at most 128.`
            ];
        }
        return [];
    },
    plan(request, context) {
        const registry = host(request);
        const username = request.options.get('username') ?? DOCKER_USERNAME;
        const configDir = dockerConfigDir(context);
        const configFile = dockerConfigFile(configDir, context.platform);
        const refuse = (refusal) => ({ problems: [], refusals: [refusal] });
        const place = placeRefusal(request, context, configDir, configFile);
        if (place !== undefined)
            return refuse(place);
        const read = readConfig(context, configFile);
        if (!read.ok)
            return refuse(unreadable(request, context.platform, configFile, read.why));
        const store = defaultStore(context.platform, (name) => context.findProgram?.(name) !== undefined);
        const ask = (helper, address) => context.readCredentialHelper?.(helper, address, configDir) ?? {
            kind: 'unknown',
            why: `docker's credential store could not be asked`
        };
        const standing = [
            ...standingLogins(read.config, registry, store, ask),
            ...variableLogin(context.env['DOCKER_AUTH_CONFIG'], registry)
        ];
        if (standing.length > 0) {
            return {
                problems: [],
                refusals: standing.map((found) => standingRefusal(request, context.platform, configFile, found))
            };
        }
        if (context.refresh !== undefined) {
            return helperPlan(request, {
                host: registry,
                username,
                defaultUsername: DOCKER_USERNAME,
                helper: context.refresh.dockerHelper,
                configFile,
                ownHelper: read.config.credHelpers?.get(registry),
                // docker's platform default store, in use only while the config names no store and holds
                // no login: a credHelpers entry would end that for every other registry, so it is named
                pinStore: read.config.credsStore === ''
                    ? docker_stores_storeFor(read.config, registry, store) || undefined
                    : undefined
            });
        }
        const hostStore = docker_stores_storeFor(read.config, registry, store);
        if (hostStore === '') {
            const loose = modeRefusal(request, context, configFile);
            if (loose !== undefined)
                return refuse(loose);
        }
        return {
            request,
            title: `docker: log in to ${registry} as ${username}`,
            steps: [{ kind: 'docker-login', host: registry, username, configDir }],
            notes: [
                hostStore !== ''
                    ? `docker keeps the credential in its credential store '${hostStore}' (${storeOrigin(read.config, registry, configFile)}) until the post step logs out.`
                    : `docker keeps the credential in ${configFile} until the post step logs out.`
            ]
        };
    }
};
/**
 * A login for the host in DOCKER_AUTH_CONFIG, which docker 28 asks before its config (for the
 * address exactly; a value it cannot read it ignores).
 */
function variableLogin(text, registry) {
    if (!text)
        return [];
    const read = readDockerConfig(text);
    return read.ok && docker_config_holdsCredential(read.config.auths.get(registry))
        ? [{ kind: 'variable', address: registry }]
        : [];
}
/** config.json as docker reads it; a file that is there but cannot be read is no empty config. */
function readConfig(context, configFile) {
    const text = context.readFile(configFile);
    if (text === undefined && context.inspectPath?.(configFile).exists === true) {
        return { ok: false, why: 'it cannot be read (not a regular file, or no permission)' };
    }
    return readDockerConfig(text);
}
function storeOrigin(config, registry, configFile) {
    if (config.credHelpers?.has(registry))
        return `credHelpers in ${configFile}`;
    return config.credsStore !== ''
        ? `credsStore in ${configFile}`
        : `docker's default on this platform, its program being on PATH`;
}
const STANDING_CAUSE = (registry) => `a login made before this step (by an earlier step, or kept in the runner's docker config): this step's docker login would replace it, and the post step's docker logout ${registry} would erase it (docker logout also erases http://${registry} and https://${registry}).`;
function standingRefusal(request, platform, configFile, found) {
    const registry = host(request);
    const fix = `${ownConfig(platform)}; or, if the standing login is not needed, run docker logout ${registry} before this step.`;
    switch (found.kind) {
        case 'config':
            return {
                problem: `${lineName(request)}: docker already holds a login for ${registry} in ${configFile}, under "${found.address}".`,
                cause: STANDING_CAUSE(registry),
                fix
            };
        case 'store':
            return {
                problem: `${lineName(request)}: docker's credential store '${found.store}' already holds a login for "${found.address}", which docker uses or erases for ${registry}.`,
                cause: STANDING_CAUSE(registry),
                fix
            };
        case 'unknown':
            return {
                problem: `${lineName(request)}: cannot tell whether docker already holds a login for "${found.address}" (${registry}): ${found.why}.`,
                cause: `docker's credential store '${found.store}' did not answer (a locked keychain, or its program missing on this runner).`,
                fix: `make docker-credential-${found.store} answer (for example, unlock its keychain), or ${ownConfig(platform)}.`
            };
        case 'variable':
            return {
                problem: `${lineName(request)}: DOCKER_AUTH_CONFIG holds a login for ${registry}.`,
                cause: `docker takes a login from DOCKER_AUTH_CONFIG before its config, so it would go on using that one, not this step's.`,
                fix: `unset DOCKER_AUTH_CONFIG for this step and the steps that should use this step's login, or leave this line out.`
            };
        case 'dropped':
            return {
                problem: `${lineName(request)}: docker reads ${configFile} differently from how it is written: the login for "${found.address}" is written more than once (or auths is set again after it), docker keeps only its last reading, and would lose the rest when it writes the file back after logging in.`,
                cause: `the file was written by hand or by a tool other than docker.`,
                fix: `leave one entry per address and one auths in that file, or ${ownConfig(platform)}.`
            };
    }
}
function unreadable(request, platform, configFile, why) {
    return {
        problem: `${lineName(request)}: docker cannot read ${configFile}: ${why}. docker would warn, start from an empty config and write it back over the file, losing every login it holds.`,
        cause: `the file was written by hand or by a tool that writes what docker does not take (docker's JSON reader takes no byte order mark, and an auth must be base64 of NAME:PASSWORD).`,
        fix: `correct the file, or ${ownConfig(platform)}.`
    };
}
/** What docker stores in config.json for a login: base64 of `NAME:KEY` (mask it too). */
function basicAuth(username, key) {
    return Buffer.from(`${username}:${key}`).toString('base64');
}

;// CONCATENATED MODULE: ./src/refresh/protocols.ts
/**
 * What each tool asks the helper and what it reads back. Pure.
 * - docker (credHelpers): `get` with the host on standard input, `{"Username","Secret"}` out;
 *   `store`, `erase` and `list` change nothing (the key is not docker's to keep).
 * - cargo (`cargo:token-from-stdout`): the whole Authorization value, as the cargo line sends it
 *   today: `Token <key>` (src/registries/cargo.ts).
 * - pnpm (`tokenHelper`): the key.
 */


function readRequest(protocol, args) {
    switch (protocol) {
        case 'cargo':
            return { kind: 'key', answer: (key) => `${CARGO_AUTH_SCHEME} ${key}\n` };
        case 'pnpm':
            return { kind: 'key', answer: (key) => `${key}\n` };
        case 'docker':
            return dockerRequest(args[0]);
    }
}
function dockerRequest(action) {
    switch (action) {
        case 'get':
            return {
                kind: 'key',
                answer: (key) => `${JSON.stringify({ Username: DOCKER_USERNAME, Secret: key })}\n`
            };
        case 'store':
        case 'erase':
            return { kind: 'done', stdout: '' };
        case 'list':
            return { kind: 'done', stdout: '{}\n' };
        default:
            return {
                kind: 'unknown',
                why: `docker credential helpers take get, store, erase or list, not ${action ?? 'nothing'}`
            };
    }
}

;// CONCATENATED MODULE: ./src/refresh/settings.ts
/**
 * What the refresh helper is told by its launcher: which front-end answers (docker, cargo, pnpm),
 * who to exchange as (org, service slug, audience, API URL), where the key cache lives, and the
 * main step's retry policy and time limits. None of it is secret; the launcher holds it as
 * arguments. Pure: the launchers (launchers.ts) write what `parseHelperArgs` reads.
 */
const PROTOCOLS = ['docker', 'cargo', 'pnpm'];
/** The helper was started with arguments its launchers never write. */
class HelperUsageError extends Error {
    name = 'HelperUsageError';
}
/** The arguments a launcher passes, in order, before `--` and the tool's own. */
function helperArgs(protocol, settings) {
    return [
        protocol,
        '--org',
        settings.org,
        '--service-slug',
        settings.serviceSlug,
        ...(settings.audience === undefined ? [] : ['--audience', settings.audience]),
        '--api-url',
        settings.apiUrl,
        '--dir',
        settings.dir,
        '--max-attempts',
        String(settings.maxAttempts),
        '--timeout-seconds',
        String(settings.timeoutMs / 1000),
        '--total-timeout-seconds',
        String(settings.totalTimeoutMs / 1000),
        '--'
    ];
}
const OPTIONS = new Set([
    'org',
    'service-slug',
    'audience',
    'api-url',
    'dir',
    'max-attempts',
    'timeout-seconds',
    'total-timeout-seconds'
]);
/** Reads what `helperArgs` wrote (and what the tool added after `--`). */
function parseHelperArgs(argv) {
    const [protocol, ...rest] = argv;
    if (!PROTOCOLS.includes(protocol)) {
        throw new HelperUsageError(`the first argument must be one of ${PROTOCOLS.join(', ')}; this program is run by the launchers the action writes`);
    }
    const values = new Map();
    let index = 0;
    for (; index < rest.length; index += 2) {
        const flag = rest[index];
        if (flag === '--')
            break;
        const name = flag.startsWith('--') ? flag.slice(2) : '';
        const value = rest[index + 1];
        if (!OPTIONS.has(name) || value === undefined || values.has(name)) {
            throw new HelperUsageError(`unexpected argument ${flag}`);
        }
        values.set(name, value);
    }
    const text = (name) => {
        const value = values.get(name);
        if (value === undefined || value === '')
            throw new HelperUsageError(`--${name} is missing`);
        return value;
    };
    const whole = (name, min, max) => {
        const value = Number(text(name));
        if (!Number.isSafeInteger(value) || value < min || value > max) {
            throw new HelperUsageError(`--${name} must be a whole number from ${min} to ${max}`);
        }
        return value;
    };
    return {
        protocol: protocol,
        settings: {
            org: text('org'),
            serviceSlug: text('service-slug'),
            audience: values.get('audience'),
            apiUrl: text('api-url'),
            dir: text('dir'),
            maxAttempts: whole('max-attempts', 1, 10),
            timeoutMs: whole('timeout-seconds', 1, 300) * 1000,
            totalTimeoutMs: whole('total-timeout-seconds', 1, 3600) * 1000
        },
        args: rest.slice(index + 1)
    };
}

;// CONCATENATED MODULE: ./src/refresh/helper.ts
/**
 * The refresh helper, one call: read what the tool asks (protocols.ts), get the current key
 * (the cache, or one exchange for all callers: key-keeper.ts), print the answer. Anything that
 * fails is one neutralised, secret-free line on standard error (and on standard output for
 * docker, which shows a helper's output, not its errors) and a non-zero exit. Everything from
 * outside comes in through `deps`.
 */







/** Pause between looks at the cache while another call exchanges. */
const POLL_MS = 100;
/** A waiting call gives up this long after the holder's whole budget could have ended. */
const WAIT_MARGIN_MS = 15_000;
/** Runs one call; returns the exit code. */
async function runHelperCall(deps) {
    const secrets = [];
    try {
        const call = parseHelperArgs(deps.argv);
        const request = readRequest(call.protocol, call.args);
        if (request.kind === 'unknown')
            throw new Error(request.why);
        if (request.kind === 'done') {
            await deps.readInput(); // docker writes the credential to `store`: read it, keep nothing
            deps.stdout(request.stdout);
            return 0;
        }
        const { settings } = call;
        const problem = deps.checkDir(settings.dir);
        if (problem !== undefined)
            throw new Error(problem);
        const waitMs = settings.totalTimeoutMs + WAIT_MARGIN_MS;
        const { cache } = await currentKey({
            files: deps.files(settings.dir),
            clock: deps.clock,
            isAlive: deps.isAlive,
            mint: () => mintKey(settings, {
                env: deps.env,
                http: deps.http,
                clock: deps.clock,
                random: deps.random,
                secrets
            })
        }, { waitMs, staleMs: waitMs, pollMs: POLL_MS });
        deps.stdout(request.answer(cache.key));
        return 0;
    }
    catch (error) {
        const line = failureLine(errorMessage(error), secrets);
        deps.stderr(line);
        if (deps.argv[0] === 'docker')
            deps.stdout(`${line.text}\n`);
        return 1;
    }
}
/** One line: what failed and why, with every known secret and anything JWT-shaped cut out. */
function failureLine(message, secrets) {
    return log `cloudsmith-oidc refresh helper: no Cloudsmith key: ${redact(message, secrets)}`;
}

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = require("node:fs");
;// CONCATENATED MODULE: ./src/refresh/key-files.ts
/**
 * The helper's files in its folder under RUNNER_TEMP: the key cache (mode 0600, replaced whole by
 * renaming a new file over it, so a reader sees the old key or the new one, never half of one)
 * and the lock that lets one caller exchange while the others wait. Nothing here is ever written
 * through a link, and a cache that is not a plain file of this user's, readable by no one else, is
 * taken as missing (and then replaced).
 */



const CACHE_FILE = 'key.json';
const LOCK_FILE = 'key.lock';
const NO_FOLLOW = process.platform === 'win32' ? 0 : external_node_fs_namespaceObject.constants.O_NOFOLLOW;
/** The helper's files in `dir`, for the process `pid`. */
function keyFiles(dir, pid = process.pid) {
    const cachePath = (0,external_node_path_namespaceObject.join)(dir, CACHE_FILE);
    const lockPath = (0,external_node_path_namespaceObject.join)(dir, LOCK_FILE);
    let ownLock;
    return {
        readCache() {
            return readPrivate(cachePath);
        },
        writeCache(text) {
            const temp = (0,external_node_path_namespaceObject.join)(dir, `.${CACHE_FILE}.${pid}.${(0,external_node_crypto_namespaceObject.randomBytes)(6).toString('hex')}.tmp`);
            writeNew(temp, text);
            try {
                (0,external_node_fs_namespaceObject.renameSync)(temp, cachePath);
            }
            catch (error) {
                removeQuietly(temp);
                throw error;
            }
        },
        tryLock(nowMs) {
            const text = `${pid} ${nowMs} ${(0,external_node_crypto_namespaceObject.randomBytes)(6).toString('hex')}\n`;
            try {
                writeNew(lockPath, text);
            }
            catch (error) {
                if (error.code === 'EEXIST')
                    return false;
                throw error;
            }
            ownLock = text;
            return true;
        },
        lockHolder() {
            let text;
            let mtimeMs;
            try {
                mtimeMs = (0,external_node_fs_namespaceObject.lstatSync)(lockPath).mtimeMs;
                text = (0,external_node_fs_namespaceObject.readFileSync)(lockPath, 'utf8');
            }
            catch (error) {
                if (error.code === 'ENOENT')
                    return undefined;
                throw error;
            }
            const match = /^(\d+) (\d+) [0-9a-f]+\n$/.exec(text);
            return match
                ? { pid: Number(match[1]), sinceMs: Number(match[2]), text }
                : { pid: undefined, sinceMs: mtimeMs, text };
        },
        breakLock(holder) {
            // read again right before removing: a lock taken since is left alone (a race narrowed to
            // microseconds; losing it costs one extra exchange, never a wrong key)
            if (readQuietly(lockPath) === holder.text)
                removeQuietly(lockPath);
        },
        unlock() {
            if (ownLock !== undefined && readQuietly(lockPath) === ownLock)
                removeQuietly(lockPath);
            ownLock = undefined;
        }
    };
}
/** Creates `path` (never through a link, never over anything) with `text` and exactly `mode`. */
function writeNew(path, text, mode = 0o600) {
    const fd = (0,external_node_fs_namespaceObject.openSync)(path, external_node_fs_namespaceObject.constants.O_WRONLY | external_node_fs_namespaceObject.constants.O_CREAT | external_node_fs_namespaceObject.constants.O_EXCL | NO_FOLLOW, mode);
    try {
        (0,external_node_fs_namespaceObject.fchmodSync)(fd, mode); // exactly, whatever the umask
        (0,external_node_fs_namespaceObject.writeSync)(fd, text);
    }
    finally {
        (0,external_node_fs_namespaceObject.closeSync)(fd);
    }
}
/** A plain file of this user's that no one else can read or write; undefined otherwise. */
function readPrivate(path) {
    let fd;
    try {
        fd = (0,external_node_fs_namespaceObject.openSync)(path, external_node_fs_namespaceObject.constants.O_RDONLY | NO_FOLLOW);
    }
    catch {
        return undefined; // missing, or a link
    }
    try {
        const stat = (0,external_node_fs_namespaceObject.fstatSync)(fd);
        if (!stat.isFile())
            return undefined;
        if (process.platform !== 'win32') {
            if ((stat.mode & 0o077) !== 0 || stat.uid !== process.getuid?.())
                return undefined;
        }
        return (0,external_node_fs_namespaceObject.readFileSync)(fd, 'utf8');
    }
    finally {
        (0,external_node_fs_namespaceObject.closeSync)(fd);
    }
}
function readQuietly(path) {
    try {
        return (0,external_node_fs_namespaceObject.readFileSync)(path, 'utf8');
    }
    catch {
        return undefined;
    }
}
function removeQuietly(path) {
    try {
        (0,external_node_fs_namespaceObject.unlinkSync)(path);
    }
    catch {
        // already gone
    }
}
/** Undefined when `dir` is a folder of this user's; else why the helper cannot use it. */
function checkDir(dir) {
    try {
        const stat = (0,external_node_fs_namespaceObject.statSync)(dir);
        if (!stat.isDirectory())
            return `${dir} is not a folder`;
        if (process.platform !== 'win32' && stat.uid !== process.getuid?.()) {
            return `${dir} belongs to another user`;
        }
        return undefined;
    }
    catch {
        return `its folder ${dir} is gone (the action's post step removes it at the end of the job)`;
    }
}
/** Whether a process with this id runs on this machine (EPERM: it does, as another user's). */
function isAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (error) {
        return error.code === 'EPERM';
    }
}

;// CONCATENATED MODULE: ./src/refresh/index.ts
/**
 * Entry point of the refresh helper (dist/refresh.js), run by the launchers the main step writes:
 * the only code of the helper that touches process.env, standard input and output, and the exit
 * code.
 */





async function runHelper() {
    process.exitCode = await runHelperCall({
        argv: process.argv.slice(2),
        env: process.env,
        http: createHttp(USER_AGENT),
        clock: realClock,
        random: Math.random,
        files: (dir) => keyFiles(dir),
        checkDir: checkDir,
        isAlive: isAlive,
        readInput,
        stdout: (text) => process.stdout.write(text),
        stderr: (line) => process.stderr.write(`${line.text}\n`)
    });
}
/** Standard input to its end, at most 64 KiB; '' when it is a terminal. */
async function readInput() {
    if (process.stdin.isTTY)
        return '';
    let text = '';
    for await (const chunk of process.stdin) {
        text += String(chunk);
        if (text.length > 65_536)
            break;
    }
    return text;
}

})();

module.exports = __webpack_exports__;
/******/ })()
;
//# sourceMappingURL=refresh-index.js.map