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
  runMain: () => (/* binding */ runMain),
  runPost: () => (/* binding */ runPost)
});

;// CONCATENATED MODULE: external "os"
const external_os_namespaceObject = require("os");
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/utils.js
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Sanitizes an input into a string so it can be passed into issueCommand safely
 * @param input input to sanitize into a string
 */
function toCommandValue(input) {
    if (input === null || input === undefined) {
        return '';
    }
    else if (typeof input === 'string' || input instanceof String) {
        return input;
    }
    return JSON.stringify(input);
}
/**
 *
 * @param annotationProperties
 * @returns The command properties to send with the actual annotation command
 * See IssueCommandProperties: https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs#L646
 */
function utils_toCommandProperties(annotationProperties) {
    if (!Object.keys(annotationProperties).length) {
        return {};
    }
    return {
        title: annotationProperties.title,
        file: annotationProperties.file,
        line: annotationProperties.startLine,
        endLine: annotationProperties.endLine,
        col: annotationProperties.startColumn,
        endColumn: annotationProperties.endColumn
    };
}
//# sourceMappingURL=utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/command.js


/**
 * Issues a command to the GitHub Actions runner
 *
 * @param command - The command name to issue
 * @param properties - Additional properties for the command (key-value pairs)
 * @param message - The message to include with the command
 * @remarks
 * This function outputs a specially formatted string to stdout that the Actions
 * runner interprets as a command. These commands can control workflow behavior,
 * set outputs, create annotations, mask values, and more.
 *
 * Command Format:
 *   ::name key=value,key=value::message
 *
 * @example
 * ```typescript
 * // Issue a warning annotation
 * issueCommand('warning', {}, 'This is a warning message');
 * // Output: ::warning::This is a warning message
 *
 * // Set an environment variable
 * issueCommand('set-env', { name: 'MY_VAR' }, 'some value');
 * // Output: ::set-env name=MY_VAR::some value
 *
 * // Add a secret mask
 * issueCommand('add-mask', {}, 'secretValue123');
 * // Output: ::add-mask::secretValue123
 * ```
 *
 * @internal
 * This is an internal utility function that powers the public API functions
 * such as setSecret, warning, error, and exportVariable.
 */
function command_issueCommand(command, properties, message) {
    const cmd = new Command(command, properties, message);
    process.stdout.write(cmd.toString() + external_os_namespaceObject.EOL);
}
function command_issue(name, message = '') {
    command_issueCommand(name, {}, message);
}
const CMD_STRING = '::';
class Command {
    constructor(command, properties, message) {
        if (!command) {
            command = 'missing.command';
        }
        this.command = command;
        this.properties = properties;
        this.message = message;
    }
    toString() {
        let cmdStr = CMD_STRING + this.command;
        if (this.properties && Object.keys(this.properties).length > 0) {
            cmdStr += ' ';
            let first = true;
            for (const key in this.properties) {
                if (this.properties.hasOwnProperty(key)) {
                    const val = this.properties[key];
                    if (val) {
                        if (first) {
                            first = false;
                        }
                        else {
                            cmdStr += ',';
                        }
                        cmdStr += `${key}=${escapeProperty(val)}`;
                    }
                }
            }
        }
        cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
        return cmdStr;
    }
}
function escapeData(s) {
    return toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')
        .replace(/:/g, '%3A')
        .replace(/,/g, '%2C');
}
//# sourceMappingURL=command.js.map
;// CONCATENATED MODULE: external "crypto"
const external_crypto_namespaceObject = require("crypto");
;// CONCATENATED MODULE: external "fs"
const external_fs_namespaceObject = require("fs");
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/file-command.js
// For internal use, subject to change.
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */




function file_command_issueFileCommand(command, message) {
    const filePath = process.env[`GITHUB_${command}`];
    if (!filePath) {
        throw new Error(`Unable to find environment variable for file command ${command}`);
    }
    if (!external_fs_namespaceObject.existsSync(filePath)) {
        throw new Error(`Missing file at path: ${filePath}`);
    }
    external_fs_namespaceObject.appendFileSync(filePath, `${toCommandValue(message)}${external_os_namespaceObject.EOL}`, {
        encoding: 'utf8'
    });
}
function prepareKeyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${external_crypto_namespaceObject.randomUUID()}`;
    const convertedValue = toCommandValue(value);
    // These should realistically never happen, but just in case someone finds a
    // way to exploit uuid generation let's not allow keys or values that contain
    // the delimiter.
    if (key.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (convertedValue.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    return `${key}<<${delimiter}${external_os_namespaceObject.EOL}${convertedValue}${external_os_namespaceObject.EOL}${delimiter}`;
}
//# sourceMappingURL=file-command.js.map
;// CONCATENATED MODULE: external "path"
const external_path_namespaceObject = require("path");
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
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/auth.js
var auth_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
class BasicCredentialHandler {
    constructor(username, password) {
        this.username = username;
        this.password = password;
    }
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Basic ${Buffer.from(`${this.username}:${this.password}`).toString('base64')}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return auth_awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
class BearerCredentialHandler {
    constructor(token) {
        this.token = token;
    }
    // currently implements pre-authorization
    // TODO: support preAuth = false where it hooks on 401
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Bearer ${this.token}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return auth_awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
class PersonalAccessTokenCredentialHandler {
    constructor(token) {
        this.token = token;
    }
    // currently implements pre-authorization
    // TODO: support preAuth = false where it hooks on 401
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Basic ${Buffer.from(`PAT:${this.token}`).toString('base64')}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return auth_awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
//# sourceMappingURL=auth.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/oidc-utils.js
var oidc_utils_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



class OidcClient {
    static createHttpClient(allowRetry = true, maxRetry = 10) {
        const requestOptions = {
            allowRetries: allowRetry,
            maxRetries: maxRetry
        };
        return new HttpClient('actions/oidc-client', [new BearerCredentialHandler(OidcClient.getRequestToken())], requestOptions);
    }
    static getRequestToken() {
        const token = process.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
        if (!token) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_TOKEN env variable');
        }
        return token;
    }
    static getIDTokenUrl() {
        const runtimeUrl = process.env['ACTIONS_ID_TOKEN_REQUEST_URL'];
        if (!runtimeUrl) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable');
        }
        return runtimeUrl;
    }
    static getCall(id_token_url) {
        return oidc_utils_awaiter(this, void 0, void 0, function* () {
            var _a;
            const httpclient = OidcClient.createHttpClient();
            const res = yield httpclient
                .getJson(id_token_url)
                .catch(error => {
                throw new Error(`Failed to get ID Token. \n 
        Error Code : ${error.statusCode}\n 
        Error Message: ${error.message}`);
            });
            const id_token = (_a = res.result) === null || _a === void 0 ? void 0 : _a.value;
            if (!id_token) {
                throw new Error('Response json body do not have ID Token field');
            }
            return id_token;
        });
    }
    static getIDToken(audience) {
        return oidc_utils_awaiter(this, void 0, void 0, function* () {
            try {
                // New ID Token is requested from action service
                let id_token_url = OidcClient.getIDTokenUrl();
                if (audience) {
                    const encodedAudience = encodeURIComponent(audience);
                    id_token_url = `${id_token_url}&audience=${encodedAudience}`;
                }
                debug(`ID token url is ${id_token_url}`);
                const id_token = yield OidcClient.getCall(id_token_url);
                setSecret(id_token);
                return id_token;
            }
            catch (error) {
                throw new Error(`Error message: ${error.message}`);
            }
        });
    }
}
//# sourceMappingURL=oidc-utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/summary.js
var summary_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { access, appendFile, writeFile } = external_fs_namespaceObject.promises;
const SUMMARY_ENV_VAR = 'GITHUB_STEP_SUMMARY';
const SUMMARY_DOCS_URL = 'https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-job-summary';
class Summary {
    constructor() {
        this._buffer = '';
    }
    /**
     * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
     * Also checks r/w permissions.
     *
     * @returns step summary file path
     */
    filePath() {
        return summary_awaiter(this, void 0, void 0, function* () {
            if (this._filePath) {
                return this._filePath;
            }
            const pathFromEnv = process.env[SUMMARY_ENV_VAR];
            if (!pathFromEnv) {
                throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
            }
            try {
                yield access(pathFromEnv, external_fs_namespaceObject.constants.R_OK | external_fs_namespaceObject.constants.W_OK);
            }
            catch (_a) {
                throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
            }
            this._filePath = pathFromEnv;
            return this._filePath;
        });
    }
    /**
     * Wraps content in an HTML tag, adding any HTML attributes
     *
     * @param {string} tag HTML tag to wrap
     * @param {string | null} content content within the tag
     * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
     *
     * @returns {string} content wrapped in HTML element
     */
    wrap(tag, content, attrs = {}) {
        const htmlAttrs = Object.entries(attrs)
            .map(([key, value]) => ` ${key}="${value}"`)
            .join('');
        if (!content) {
            return `<${tag}${htmlAttrs}>`;
        }
        return `<${tag}${htmlAttrs}>${content}</${tag}>`;
    }
    /**
     * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
     *
     * @param {SummaryWriteOptions} [options] (optional) options for write operation
     *
     * @returns {Promise<Summary>} summary instance
     */
    write(options) {
        return summary_awaiter(this, void 0, void 0, function* () {
            const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
            const filePath = yield this.filePath();
            const writeFunc = overwrite ? writeFile : appendFile;
            yield writeFunc(filePath, this._buffer, { encoding: 'utf8' });
            return this.emptyBuffer();
        });
    }
    /**
     * Clears the summary buffer and wipes the summary file
     *
     * @returns {Summary} summary instance
     */
    clear() {
        return summary_awaiter(this, void 0, void 0, function* () {
            return this.emptyBuffer().write({ overwrite: true });
        });
    }
    /**
     * Returns the current summary buffer as a string
     *
     * @returns {string} string of summary buffer
     */
    stringify() {
        return this._buffer;
    }
    /**
     * If the summary buffer is empty
     *
     * @returns {boolen} true if the buffer is empty
     */
    isEmptyBuffer() {
        return this._buffer.length === 0;
    }
    /**
     * Resets the summary buffer without writing to summary file
     *
     * @returns {Summary} summary instance
     */
    emptyBuffer() {
        this._buffer = '';
        return this;
    }
    /**
     * Adds raw text to the summary buffer
     *
     * @param {string} text content to add
     * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
     *
     * @returns {Summary} summary instance
     */
    addRaw(text, addEOL = false) {
        this._buffer += text;
        return addEOL ? this.addEOL() : this;
    }
    /**
     * Adds the operating system-specific end-of-line marker to the buffer
     *
     * @returns {Summary} summary instance
     */
    addEOL() {
        return this.addRaw(external_os_namespaceObject.EOL);
    }
    /**
     * Adds an HTML codeblock to the summary buffer
     *
     * @param {string} code content to render within fenced code block
     * @param {string} lang (optional) language to syntax highlight code
     *
     * @returns {Summary} summary instance
     */
    addCodeBlock(code, lang) {
        const attrs = Object.assign({}, (lang && { lang }));
        const element = this.wrap('pre', this.wrap('code', code), attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML list to the summary buffer
     *
     * @param {string[]} items list of items to render
     * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
     *
     * @returns {Summary} summary instance
     */
    addList(items, ordered = false) {
        const tag = ordered ? 'ol' : 'ul';
        const listItems = items.map(item => this.wrap('li', item)).join('');
        const element = this.wrap(tag, listItems);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML table to the summary buffer
     *
     * @param {SummaryTableCell[]} rows table rows
     *
     * @returns {Summary} summary instance
     */
    addTable(rows) {
        const tableBody = rows
            .map(row => {
            const cells = row
                .map(cell => {
                if (typeof cell === 'string') {
                    return this.wrap('td', cell);
                }
                const { header, data, colspan, rowspan } = cell;
                const tag = header ? 'th' : 'td';
                const attrs = Object.assign(Object.assign({}, (colspan && { colspan })), (rowspan && { rowspan }));
                return this.wrap(tag, data, attrs);
            })
                .join('');
            return this.wrap('tr', cells);
        })
            .join('');
        const element = this.wrap('table', tableBody);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds a collapsable HTML details element to the summary buffer
     *
     * @param {string} label text for the closed state
     * @param {string} content collapsable content
     *
     * @returns {Summary} summary instance
     */
    addDetails(label, content) {
        const element = this.wrap('details', this.wrap('summary', label) + content);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML image tag to the summary buffer
     *
     * @param {string} src path to the image you to embed
     * @param {string} alt text description of the image
     * @param {SummaryImageOptions} options (optional) addition image attributes
     *
     * @returns {Summary} summary instance
     */
    addImage(src, alt, options) {
        const { width, height } = options || {};
        const attrs = Object.assign(Object.assign({}, (width && { width })), (height && { height }));
        const element = this.wrap('img', null, Object.assign({ src, alt }, attrs));
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML section heading element
     *
     * @param {string} text heading text
     * @param {number | string} [level=1] (optional) the heading level, default: 1
     *
     * @returns {Summary} summary instance
     */
    addHeading(text, level) {
        const tag = `h${level}`;
        const allowedTag = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(tag)
            ? tag
            : 'h1';
        const element = this.wrap(allowedTag, text);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML thematic break (<hr>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addSeparator() {
        const element = this.wrap('hr', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML line break (<br>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addBreak() {
        const element = this.wrap('br', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML blockquote to the summary buffer
     *
     * @param {string} text quote text
     * @param {string} cite (optional) citation url
     *
     * @returns {Summary} summary instance
     */
    addQuote(text, cite) {
        const attrs = Object.assign({}, (cite && { cite }));
        const element = this.wrap('blockquote', text, attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML anchor tag to the summary buffer
     *
     * @param {string} text link text/content
     * @param {string} href hyperlink
     *
     * @returns {Summary} summary instance
     */
    addLink(text, href) {
        const element = this.wrap('a', text, { href });
        return this.addRaw(element).addEOL();
    }
}
const _summary = new Summary();
/**
 * @deprecated use `core.summary`
 */
const markdownSummary = (/* unused pure expression or super */ null && (_summary));
const summary = _summary;
//# sourceMappingURL=summary.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/path-utils.js

/**
 * toPosixPath converts the given path to the posix form. On Windows, \\ will be
 * replaced with /.
 *
 * @param pth. Path to transform.
 * @return string Posix path.
 */
function toPosixPath(pth) {
    return pth.replace(/[\\]/g, '/');
}
/**
 * toWin32Path converts the given path to the win32 form. On Linux, / will be
 * replaced with \\.
 *
 * @param pth. Path to transform.
 * @return string Win32 path.
 */
function toWin32Path(pth) {
    return pth.replace(/[/]/g, '\\');
}
/**
 * toPlatformPath converts the given path to a platform-specific path. It does
 * this by replacing instances of / and \ with the platform-specific path
 * separator.
 *
 * @param pth The path to platformize.
 * @return string The platform-specific path.
 */
function toPlatformPath(pth) {
    return pth.replace(/[/\\]/g, path.sep);
}
//# sourceMappingURL=path-utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/platform.js
var platform_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const getWindowsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout: version } = yield exec.getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Version"', undefined, {
        silent: true
    });
    const { stdout: name } = yield exec.getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Caption"', undefined, {
        silent: true
    });
    return {
        name: name.trim(),
        version: version.trim()
    };
});
const getMacOsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    var _a, _b, _c, _d;
    const { stdout } = yield exec.getExecOutput('sw_vers', undefined, {
        silent: true
    });
    const version = (_b = (_a = stdout.match(/ProductVersion:\s*(.+)/)) === null || _a === void 0 ? void 0 : _a[1]) !== null && _b !== void 0 ? _b : '';
    const name = (_d = (_c = stdout.match(/ProductName:\s*(.+)/)) === null || _c === void 0 ? void 0 : _c[1]) !== null && _d !== void 0 ? _d : '';
    return {
        name,
        version
    };
});
const getLinuxInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout } = yield exec.getExecOutput('lsb_release', ['-i', '-r', '-s'], {
        silent: true
    });
    const [name, version] = stdout.trim().split('\n');
    return {
        name,
        version
    };
});
const platform = external_os_namespaceObject.platform();
const arch = external_os_namespaceObject.arch();
const isWindows = platform === 'win32';
const isMacOS = platform === 'darwin';
const isLinux = platform === 'linux';
function getDetails() {
    return platform_awaiter(this, void 0, void 0, function* () {
        return Object.assign(Object.assign({}, (yield (isWindows
            ? getWindowsInfo()
            : isMacOS
                ? getMacOsInfo()
                : getLinuxInfo()))), { platform,
            arch,
            isWindows,
            isMacOS,
            isLinux });
    });
}
//# sourceMappingURL=platform.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/core.js
var core_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};






/**
 * The code to exit an action
 */
var ExitCode;
(function (ExitCode) {
    /**
     * A code indicating that the action was successful
     */
    ExitCode[ExitCode["Success"] = 0] = "Success";
    /**
     * A code indicating that the action was a failure
     */
    ExitCode[ExitCode["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
//-----------------------------------------------------------------------
// Variables
//-----------------------------------------------------------------------
/**
 * Sets env variable for this action and future actions in the job
 * @param name the name of the variable to set
 * @param val the value of the variable. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function exportVariable(name, val) {
    const convertedVal = toCommandValue(val);
    process.env[name] = convertedVal;
    const filePath = process.env['GITHUB_ENV'] || '';
    if (filePath) {
        return file_command_issueFileCommand('ENV', prepareKeyValueMessage(name, val));
    }
    command_issueCommand('set-env', { name }, convertedVal);
}
/**
 * Registers a secret which will get masked from logs
 *
 * @param secret - Value of the secret to be masked
 * @remarks
 * This function instructs the Actions runner to mask the specified value in any
 * logs produced during the workflow run. Once registered, the secret value will
 * be replaced with asterisks (***) whenever it appears in console output, logs,
 * or error messages.
 *
 * This is useful for protecting sensitive information such as:
 * - API keys
 * - Access tokens
 * - Authentication credentials
 * - URL parameters containing signatures (SAS tokens)
 *
 * Note that masking only affects future logs; any previous appearances of the
 * secret in logs before calling this function will remain unmasked.
 *
 * @example
 * ```typescript
 * // Register an API token as a secret
 * const apiToken = "abc123xyz456";
 * setSecret(apiToken);
 *
 * // Now any logs containing this value will show *** instead
 * console.log(`Using token: ${apiToken}`); // Outputs: "Using token: ***"
 * ```
 */
function setSecret(secret) {
    command_issueCommand('add-mask', {}, secret);
}
/**
 * Prepends inputPath to the PATH (for this action and future actions)
 * @param inputPath
 */
function addPath(inputPath) {
    const filePath = process.env['GITHUB_PATH'] || '';
    if (filePath) {
        issueFileCommand('PATH', inputPath);
    }
    else {
        issueCommand('add-path', {}, inputPath);
    }
    process.env['PATH'] = `${inputPath}${path.delimiter}${process.env['PATH']}`;
}
/**
 * Gets the value of an input.
 * Unless trimWhitespace is set to false in InputOptions, the value is also trimmed.
 * Returns an empty string if the value is not defined.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string
 */
function getInput(name, options) {
    const val = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
    if (options && options.required && !val) {
        throw new Error(`Input required and not supplied: ${name}`);
    }
    if (options && options.trimWhitespace === false) {
        return val;
    }
    return val.trim();
}
/**
 * Gets the values of an multiline input.  Each value is also trimmed.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string[]
 *
 */
function getMultilineInput(name, options) {
    const inputs = getInput(name, options)
        .split('\n')
        .filter(x => x !== '');
    if (options && options.trimWhitespace === false) {
        return inputs;
    }
    return inputs.map(input => input.trim());
}
/**
 * Gets the input value of the boolean type in the YAML 1.2 "core schema" specification.
 * Support boolean input list: `true | True | TRUE | false | False | FALSE` .
 * The return value is also in boolean type.
 * ref: https://yaml.org/spec/1.2/spec.html#id2804923
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   boolean
 */
function getBooleanInput(name, options) {
    const trueValue = ['true', 'True', 'TRUE'];
    const falseValue = ['false', 'False', 'FALSE'];
    const val = getInput(name, options);
    if (trueValue.includes(val))
        return true;
    if (falseValue.includes(val))
        return false;
    throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
        `Support boolean input list: \`true | True | TRUE | false | False | FALSE\``);
}
/**
 * Sets the value of an output.
 *
 * @param     name     name of the output to set
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function setOutput(name, value) {
    const filePath = process.env['GITHUB_OUTPUT'] || '';
    if (filePath) {
        return file_command_issueFileCommand('OUTPUT', prepareKeyValueMessage(name, value));
    }
    process.stdout.write(external_os_namespaceObject.EOL);
    command_issueCommand('set-output', { name }, toCommandValue(value));
}
/**
 * Enables or disables the echoing of commands into stdout for the rest of the step.
 * Echoing is disabled by default if ACTIONS_STEP_DEBUG is not set.
 *
 */
function setCommandEcho(enabled) {
    issue('echo', enabled ? 'on' : 'off');
}
//-----------------------------------------------------------------------
// Results
//-----------------------------------------------------------------------
/**
 * Sets the action status to failed.
 * When the action exits it will be with an exit code of 1
 * @param message add error issue message
 */
function setFailed(message) {
    process.exitCode = ExitCode.Failure;
    error(message);
}
//-----------------------------------------------------------------------
// Logging Commands
//-----------------------------------------------------------------------
/**
 * Gets whether Actions Step Debug is on or not
 */
function isDebug() {
    return process.env['RUNNER_DEBUG'] === '1';
}
/**
 * Writes debug message to user log
 * @param message debug message
 */
function debug(message) {
    command_issueCommand('debug', {}, message);
}
/**
 * Adds an error issue
 * @param message error issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function error(message, properties = {}) {
    command_issueCommand('error', utils_toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a warning issue
 * @param message warning issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function warning(message, properties = {}) {
    command_issueCommand('warning', utils_toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a notice issue
 * @param message notice issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function notice(message, properties = {}) {
    issueCommand('notice', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Writes info to log with console.log.
 * @param message info message
 */
function info(message) {
    process.stdout.write(message + external_os_namespaceObject.EOL);
}
/**
 * Begin an output group.
 *
 * Output until the next `groupEnd` will be foldable in this group
 *
 * @param name The name of the output group
 */
function startGroup(name) {
    issue('group', name);
}
/**
 * End an output group.
 */
function endGroup() {
    issue('endgroup');
}
/**
 * Wrap an asynchronous function call in a group.
 *
 * Returns the same type as the function itself.
 *
 * @param name The name of the group
 * @param fn The function to wrap in the group
 */
function group(name, fn) {
    return core_awaiter(this, void 0, void 0, function* () {
        startGroup(name);
        let result;
        try {
            result = yield fn();
        }
        finally {
            endGroup();
        }
        return result;
    });
}
//-----------------------------------------------------------------------
// Wrapper action state
//-----------------------------------------------------------------------
/**
 * Saves state for current action, the state can only be retrieved by this action's post job execution.
 *
 * @param     name     name of the state to store
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function saveState(name, value) {
    const filePath = process.env['GITHUB_STATE'] || '';
    if (filePath) {
        return file_command_issueFileCommand('STATE', prepareKeyValueMessage(name, value));
    }
    command_issueCommand('save-state', { name }, toCommandValue(value));
}
/**
 * Gets the value of an state set by this action's main execution.
 *
 * @param     name     name of the state to get
 * @returns   string
 */
function getState(name) {
    return process.env[`STATE_${name}`] || '';
}
function getIDToken(aud) {
    return core_awaiter(this, void 0, void 0, function* () {
        return yield OidcClient.getIDToken(aud);
    });
}
/**
 * Summary exports
 */

/**
 * @deprecated use core.summary
 */

/**
 * Path exports
 */

/**
 * Platform utilities exports
 */

//# sourceMappingURL=core.js.map
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
/** A deadline at `atMs` on `now`'s clock, each request or program allowed at most `eachMs`. */
function stepDeadline(atMs, eachMs, now) {
    return { eachMs, limitMs: () => Math.min(eachMs, atMs - now()) };
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

;// CONCATENATED MODULE: ./src/claims.ts

const SHOWN_CLAIMS = [
    'iss',
    'aud',
    'sub',
    'repository',
    'repository_owner',
    'repository_owner_id',
    'repository_id',
    'ref',
    'environment',
    'workflow_ref',
    'job_workflow_ref',
    'event_name',
    'runner_environment'
];
/** How a claim the token does not carry reads (an error-like MISSING would alarm a newcomer). */
const MISSING = 'not in this token';
/** Numeric IDs GitHub never reuses, unlike the owner and repository names. */
const ID_CLAIMS = ['repository_owner_id', 'repository_id'];
const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
/** The audience the Cloudsmith CLI's own OIDC support asks GitHub for. */
const CLI_AUDIENCE = 'cloudsmith';
function claimText(claims, name) {
    const value = claims[name];
    if (value === undefined || value === null || value === '')
        return MISSING;
    if (Array.isArray(value))
        return value.map(String).join(', ');
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
/** `name: value` lines, aligned, for the claims worth showing. */
function claimLines(claims) {
    const width = Math.max(...SHOWN_CLAIMS.map((name) => name.length));
    return SHOWN_CLAIMS.map((name) => `${name.padEnd(width)}  ${claimText(claims, name)}`);
}
/** The reusable workflow this job runs in, when it is not the workflow that was triggered. */
function reusableWorkflow(claims) {
    const caller = claims.workflow_ref;
    const called = claims.job_workflow_ref;
    if (typeof caller === 'string' && typeof called === 'string' && caller !== called) {
        return { caller, called };
    }
    return undefined;
}
/** Why the recommended claim is the one to start with. */
const RECOMMENDED_BECAUSE = "it admits this repository's jobs on every branch and in every environment, and no other repository's; an ID survives a rename";
/** Cloudsmith provider settings that would accept this token; claims from broadest to narrowest. */
function suggestProvider(claims) {
    const options = [];
    const owner = claimText(claims, 'repository_owner');
    const repository = claimText(claims, 'repository');
    const ownerName = owner !== MISSING ? owner : 'this owner';
    const repositoryName = repository !== MISSING ? repository : 'this repository';
    const add = (name, admits) => {
        const value = claimText(claims, name);
        if (value !== MISSING)
            options.push({ name, value, admits });
    };
    add('repository_owner_id', `every repository of ${ownerName}, by ID`);
    add('repository_owner', `every repository of ${ownerName}, by name`);
    add('repository_id', `only ${repositoryName}, any branch or environment, by ID`);
    add('repository', `only ${repositoryName}, any branch or environment, by name`);
    add('sub', subAdmits(claims, repositoryName));
    const called = reusableWorkflow(claims);
    if (called)
        add('job_workflow_ref', `only jobs running ${called.called}`);
    return {
        providerUrl: claimText(claims, 'iss'),
        claims: options,
        recommended: options.find((option) => option.name === 'repository_id'),
        audience: claimText(claims, 'aud')
    };
}
/** What a provider requiring this token's exact `sub` accepts, and what it refuses. */
function subAdmits(claims, repositoryName) {
    const environment = claimText(claims, 'environment');
    if (environment !== MISSING) {
        return `only ${repositoryName} in the environment ${environment}: a job outside it, or in another environment, is refused`;
    }
    const ref = claimText(claims, 'ref');
    if (ref !== MISSING) {
        return `only ${repositoryName} on ${ref}: a job on another branch, for a pull request or in an environment is refused`;
    }
    return `only jobs whose sub is exactly this one`;
}
/**
 * Which form of `sub` the token carries: GitHub's immutable subject (repositories created, renamed
 * or transferred on github.com after 2026-06-18, or opted in) puts the numeric owner and
 * repository IDs beside the names. Its exact spelling is GitHub's to choose, so this only looks
 * for the token's own IDs in its own `sub`, and callers show that `sub` as it is.
 */
function subjectForm(claims) {
    const sub = claimText(claims, 'sub');
    const ids = ID_CLAIMS.map((name) => claimText(claims, name)).filter((id) => /^\d+$/.test(id));
    if (sub === MISSING || ids.length === 0)
        return 'unknown';
    const carries = (id) => new RegExp(`(^|\\D)${id}(\\D|$)`).test(sub);
    return ids.some(carries) ? 'with-ids' : 'names-only';
}
/** Why the numeric ID claims come first, with their values, or undefined when the token has none. */
function idClaimsNote(claims) {
    const ids = ID_CLAIMS.filter((name) => claimText(claims, name) !== MISSING).map((name) => `${name} = ${claimText(claims, name)}`);
    if (ids.length === 0)
        return undefined;
    return log `Prefer the numeric IDs (${ids.join(', ')}): a name can be renamed or taken over later, an ID cannot, so a claim on an ID is one a recycled or renamed name cannot match.`;
}
/** One sentence on the token's `sub` form, with the `sub` itself. */
function subjectFormNote(claims) {
    const sub = claimText(claims, 'sub');
    switch (subjectForm(claims)) {
        case 'with-ids':
            return log `This token's sub carries the numeric owner and repository IDs (GitHub's immutable subject): ${sub}. A required sub claim must be written in this form, IDs included; copy it from here.`;
        case 'names-only':
            return log `This token's sub carries names only, without the numeric IDs: ${sub}. After a rename or transfer (or an opt-in) GitHub switches the repository to a sub with the numeric IDs, which a required sub in this form no longer matches.`;
        default:
            return log `This token's sub is ${sub}; it has no repository_id or repository_owner_id to compare it with.`;
    }
}
/**
 * The other spelling of the provider URL, named once beside the URL shown: Cloudsmith's help page
 * writes GitHub's without a trailing slash, its API schema with one.
 */
function providerUrlNote(iss) {
    return iss.endsWith('/')
        ? log `or the same without the trailing slash: Cloudsmith's help page writes it without one, its API schema with one; if a provider with one form refuses the token, try the other`
        : log `or the same with a trailing slash: Cloudsmith's help page writes it without one, its API schema with one; if a provider with one form refuses the token, try the other`;
}
/** The token's audience is GitHub's default for its owner: `https://github.com/<owner>`. */
function isGithubDefaultAudience(claims) {
    const owner = claimText(claims, 'repository_owner');
    return owner !== MISSING && claimText(claims, 'aud') === `https://github.com/${owner}`;
}

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
/** When to fetch a new token, on this runner's clock. */
function refreshTime(token, askedAtMs, marginMs) {
    const iat = token.claims.iat;
    if (token.expiresAtMs === undefined)
        return Infinity;
    const lifetimeMs = typeof iat === 'number' ? token.expiresAtMs - iat * 1000 : token.expiresAtMs - askedAtMs;
    const expiresLocallyAtMs = typeof iat === 'number' ? askedAtMs + lifetimeMs : token.expiresAtMs;
    return expiresLocallyAtMs - Math.min(marginMs, lifetimeMs / 2);
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
function isDomainOption(key) {
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
function domainProblems(options) {
    const problems = [];
    for (const [key, value] of options) {
        if (!isDomainOption(key))
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
/** A host whose last label is a number (decimal, or hex with 0x): URL parsers read it as IPv4. */
const ENDS_IN_A_NUMBER = /(?:^|\.)(?:\d+|0x[0-9a-f]*)\.?$/i;
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
    if (match && !IPV4.test(name) && ENDS_IN_A_NUMBER.test(name)) {
        // what a URL parser reads as an IPv4 address (0x7f.1 is 127.0.0.1): only the usual form
        return `is an IPv4 address written other than as four decimal numbers without leading zeros (such as 127.0.0.1); write it that way, or use a host name.`;
    }
    if (!match || !(IPV4.test(name) || HOST_NAME.test(name))) {
        return `is not ${wanted}.`;
    }
    if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) {
        return `has port ${port}; a port is 1 to 65535.`;
    }
    return undefined;
}
/** At most this many problems are told for one line, and for the whole input. */
const PROBLEMS_PER_LINE = 5;
const PROBLEMS_IN_ALL = 20;
/** The longest a problem may grow however much outside text it quotes. */
const PROBLEM_MAX_CHARS = 1_000;
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
            problems.push(...atMost(parsed.problems, PROBLEMS_PER_LINE, 'line'));
        else
            requests.push(parsed.request);
    }
    problems.push(...clashes(requests, rules.formats));
    problems.push(...missingPrograms(requests, rules));
    return { requests, problems: atMost(problems, PROBLEMS_IN_ALL, 'input') };
}
/**
 * The first `max` problems, each bounded, then one that counts the rest: what a problem quotes
 * (a line, a word, a value) is outside text, and the log and the job summary have limits.
 */
function atMost(problems, max, where) {
    const told = problems.slice(0, max).map((problem) => quote(problem, PROBLEM_MAX_CHARS));
    const more = problems.length - told.length;
    if (more > 0) {
        told.push(`... and ${more} more problem(s) ${where === 'line' ? 'on that line' : "in 'registries'"}, not shown; fix the ones above first.`);
    }
    return told;
}
/** Outside text quoted in a problem: at most `max` characters, and how long it was when cut. */
function quote(text, max = 60) {
    return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}
/** `registries line 3 (npm npm-private scope=acme)`: how every problem starts (a long line cut). */
function lineName(request) {
    return `Input 'registries' line ${request.line} (${quote(request.text, 100)})`;
}
function parseLine(line, text, rules) {
    const where = lineName({ line, text });
    const [formatName = '', ...words] = text.split(/\s+/);
    const format = rules.formats.get(formatName);
    if (format === undefined) {
        const known = [...rules.formats.keys()].join(', ');
        return {
            problems: [`${where}: unknown format '${quote(formatName)}'; the formats are ${known}.`]
        };
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
                problems.push(`${where}: the repository '${quote(first)}' has more than one '/'; use REPO or OWNER/REPO (${usage}).`);
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
                            problems.push(`${where}: the ${what} '${quote(value ?? '')}' ${problem}`);
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
        problems.push(`${where}: ${format.format} takes no repository ('${quote(first)}'); use ${usage}.`);
        words.shift();
    }
    const options = new Map();
    for (const word of words) {
        const match = OPTION.exec(word);
        if (!match) {
            problems.push(`${where}: '${quote(word)}' is not key=value; use ${usage}.`);
            continue;
        }
        const [, key = '', value = ''] = match;
        if (!(key in format.options)) {
            problems.push(`${where}: unknown key '${quote(key)}'; ${format.format} accepts ${acceptedKeys(format)}.`);
        }
        else if (options.has(key)) {
            problems.push(`${where}: '${key}' is given twice.`);
        }
        else if (value === '') {
            problems.push(`${where}: '${key}' is empty; it takes ${format.options[key]}.`);
        }
        else if (isHostOption(key) && hostProblem(value) !== undefined) {
            problems.push(`${where}: ${key}=${quote(value)} ${hostProblem(value)}`);
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



/** The variable the action exports the key in (src/outputs.ts). */
const API_KEY_VARIABLE = 'CLOUDSMITH_API_KEY';
const CARGO_HOST = 'cargo.cloudsmith.io';
/** The scheme before the key in the `Authorization` header Cargo sends. */
const CARGO_AUTH_SCHEME = 'Token';
/** The credential provider that reads `CARGO_REGISTRIES_<NAME>_TOKEN`. */
const CARGO_TOKEN_PROVIDER = 'cargo:token';
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
        return {
            request,
            title: `cargo: registry '${name}' at ${index}`,
            steps: [
                {
                    kind: 'env',
                    name: names.index,
                    value: [index],
                    secret: false,
                    restore: previous(names.index)
                },
                {
                    kind: 'env',
                    name: names.provider,
                    value: [CARGO_TOKEN_PROVIDER],
                    secret: false,
                    restore: previous(names.provider)
                },
                {
                    kind: 'env',
                    name: names.token,
                    value: [`${CARGO_AUTH_SCHEME} `, KEY],
                    secret: true,
                    restore: ''
                }
            ],
            notes: [
                `Cargo sends ${names.token} as the Authorization header ('${CARGO_AUTH_SCHEME} ' and the key) to every request for this registry; use registry = "${name}" on dependencies in Cargo.toml, or cargo publish --registry ${name}.`
            ]
        };
    }
};
/**
 * The registry's variables that are already set to something else than this line would set.
 * An index equal to this line's, with no token or the token of the key this action exported (run
 * again to renew the key), is replaced; a token of the user's own under the same index is kept:
 * the line is refused rather than replace it (and post would then clear it).
 */
function clashingVariables(context, names, index) {
    const set = (variable) => (context.env[variable] ?? '') !== '';
    if (context.env[names.index] === index) {
        const token = context.env[names.token] ?? '';
        const ourKey = context.env[API_KEY_VARIABLE] ?? '';
        const ours = ourKey !== '' && token === `${CARGO_AUTH_SCHEME} ${ourKey}`;
        return token === '' || ours ? [] : [names.token];
    }
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
function holdsCredential(entry) {
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
    const paths = platform === 'win32' ? external_node_path_namespaceObject.win32 : external_node_path_namespaceObject.posix;
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
    return `give docker a config of its own for this job: in a step before this one, run: ${setOwnConfig(platform)}`;
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
function convertToHostname(address) {
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
function logoutAddresses(host) {
    return [host, `http://${host}`, `https://${host}`];
}
/**
 * The credential store docker uses for an address: a credHelpers entry for it (even an empty one,
 * which means config.json), else credsStore, else, for a config that names no store and holds no
 * login, the platform's default store when its program is on PATH (`defaultStore`). '' is
 * config.json itself.
 */
function storeFor(config, address, defaultStore) {
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

function fingerprint(text) {
    return (0,external_node_crypto_namespaceObject.createHash)('sha256').update(text).digest('hex');
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
    const addresses = logoutAddresses(host);
    const seen = new Set();
    for (const { address, holds } of config.written) {
        if (!holds || seen.has(address))
            continue;
        if (addresses.includes(address) || convertToHostname(address) === host) {
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
        const store = storeFor(config, address, defaultStore);
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
        .filter(([address, count]) => count > (holdsCredential(config.auths.get(address)) ? 1 : 0))
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

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = require("node:fs");
;// CONCATENATED MODULE: ./src/read-file.ts
/**
 * Reading a file someone else may have put there (a user config, docker's config.json, a name the
 * step probes under RUNNER_TEMP) without letting it hold the step: opened without blocking (a named
 * pipe with no writer would block a plain read forever), checked to be a regular file, and read up
 * to a limit (/dev/zero has no end). Anything else is refused with a sentence saying what it is.
 */

/** A file the step will not read; `message` says which and why, for the line that refuses. */
class UnreadableFileError extends Error {
    name = 'UnreadableFileError';
}
/** The most the step reads of any configuration file (docker's config.json, a user .npmrc). */
const CONFIG_FILE_LIMIT = 1024 * 1024;
/**
 * The text of the regular file at `path` (symbolic links followed), read with O_NONBLOCK and at
 * most `maxBytes` bytes. `missing` only when nothing at all is at the name: a symbolic link that
 * leads nowhere is refused, so a caller that probes for a free name never takes one.
 */
function readRegularFile(path, maxBytes) {
    // O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer
    const flags = external_node_fs_namespaceObject.constants.O_RDONLY | (external_node_fs_namespaceObject.constants.O_NONBLOCK ?? 0) | (external_node_fs_namespaceObject.constants.O_NOCTTY ?? 0);
    let fd;
    try {
        fd = (0,external_node_fs_namespaceObject.openSync)(path, flags);
    }
    catch (error) {
        const code = error.code;
        if (code === 'ENOENT' && !somethingAt(path))
            return { kind: 'missing' };
        if (code === 'ENOENT') {
            return refused(`${path} is a symbolic link that leads nowhere`);
        }
        if (code === 'ENOTDIR')
            return { kind: 'missing' };
        return refused(`${path} cannot be opened (${code ?? 'error'})`);
    }
    try {
        const stat = (0,external_node_fs_namespaceObject.fstatSync)(fd);
        if (!stat.isFile())
            return refused(`${path} is ${kindOf(stat)}, not a regular file`);
        if (stat.size > maxBytes) {
            return refused(`${path} is larger than ${maxBytes} bytes (${stat.size})`);
        }
        const buffer = Buffer.alloc(maxBytes + 1);
        let length = 0;
        for (;;) {
            const read = (0,external_node_fs_namespaceObject.readSync)(fd, buffer, length, buffer.length - length, null);
            if (read === 0)
                break;
            length += read;
            if (length > maxBytes)
                return refused(`${path} is larger than ${maxBytes} bytes`);
        }
        return { kind: 'text', text: buffer.subarray(0, length).toString('utf8') };
    }
    catch (error) {
        return refused(`${path} cannot be read (${error.code ?? 'error'})`);
    }
    finally {
        (0,external_node_fs_namespaceObject.closeSync)(fd);
    }
}
/** readRegularFile's answer as text, undefined for nothing there; throws for a refused file. */
function textOrUndefined(read) {
    if (read.kind === 'refused')
        throw new UnreadableFileError(read.why);
    return read.kind === 'text' ? read.text : undefined;
}
function refused(why) {
    return { kind: 'refused', why };
}
function somethingAt(path) {
    try {
        (0,external_node_fs_namespaceObject.lstatSync)(path);
        return true;
    }
    catch {
        return false;
    }
}
function kindOf(stat) {
    if (stat.isFIFO())
        return 'a named pipe (FIFO)';
    if (stat.isCharacterDevice())
        return 'a character device';
    if (stat.isBlockDevice())
        return 'a block device';
    if (stat.isDirectory())
        return 'a folder';
    if (stat.isSocket())
        return 'a socket';
    return 'not a file';
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
        const hostStore = storeFor(read.config, registry, store);
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
    return read.ok && holdsCredential(read.config.auths.get(registry))
        ? [{ kind: 'variable', address: registry }]
        : [];
}
/** config.json as docker reads it; a file that is there but cannot be read is no empty config. */
function readConfig(context, configFile) {
    let text;
    try {
        text = context.readFile(configFile);
    }
    catch (error) {
        // a named pipe, a device, a folder, a dangling link, too large (src/read-file.ts)
        if (error instanceof UnreadableFileError)
            return { ok: false, why: error.message };
        throw error;
    }
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

;// CONCATENATED MODULE: ./src/registries/variable-names.ts
/**
 * Environment variable names as the step reads and writes them: plain ASCII only. Unicode case
 * rules map look-alikes onto ASCII ('ſ'.toUpperCase() is 'S', 'K' (Kelvin) lower-cases to 'k'),
 * so a name compared with toUpperCase would take NPM_CONFIG_UſERCONFIG for NPM_CONFIG_USERCONFIG
 * and then export under the look-alike.
 */
/** A variable name the step may write. */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** `name` upper-cased in ASCII only: a-z become A-Z, every other character stays as it is. */
function asciiUpperCase(name) {
    return name.replace(/[a-z]+/g, (letters) => letters.toUpperCase());
}

;// CONCATENATED MODULE: ./src/registries/npm.ts
/**
 * npm and pnpm: one user config file in RUNNER_TEMP for every npm line, the way setup-node does
 * it. The file holds `//HOST/PATH/:_authToken=${CLOUDSMITH_API_KEY}`, which npm and pnpm expand
 * when they read it, so the key itself is never on disk; NPM_CONFIG_USERCONFIG points both
 * clients at it. Whatever the user config in force before the step held (one setup-node wrote, a
 * developer's ~/.npmrc) is carried over into the new file, below this step's lines.
 *
 * How npm reads it (npm's @npmcli/config and npm-registry-fetch): a user config is ini text;
 * `[section]` puts the keys after it out of reach, so this step's lines come first; the last of
 * two equal keys wins, so a carried-over line setting a key this step sets is commented out. For a
 * request, npm looks for credentials under the longest nerf-darted prefix of its URL
 * (`//host/a/b/`, then `//host/a/b`, `//host/a/`, ...): a credential the user already keeps for
 * this registry's path (or below it) would fight this step's, and is refused, never replaced.
 * Settings from the environment (`npm_config_*`) beat every file: one that would override this
 * step's registry or token is refused too.
 */




const DEFAULT_NPM_HOST = 'npm.cloudsmith.io';
const USERCONFIG_VARIABLE = 'NPM_CONFIG_USERCONFIG';
/**
 * The variable main exports the key in (API_KEY_VARIABLE in outputs.ts, which cannot be imported
 * here: outputs.ts imports inputs.ts, which imports the format table).
 */
const KEY_VARIABLE = 'CLOUDSMITH_API_KEY';
/** The value npm expands at read time: the only form of the key this step writes. */
const KEY_REFERENCE = `\${${KEY_VARIABLE}}`;
/** The per-registry settings npm-registry-fetch treats as a credential. */
const npm_CREDENTIAL_FIELDS = ['_authToken', '_auth', 'username', '_password'];
/** An npm scope: `@` and a name npm accepts for a new package (lower case, URL-safe). */
const SCOPE = /^@[a-z0-9-][a-z0-9._-]*$/;
const SCOPE_MAX_LENGTH = 214;
const npm = {
    format: 'npm',
    repository: 'required',
    options: {
        scope: '@SCOPE: only packages of this npm scope come from the repository (without it, every package does)',
        host: `HOST[:PORT]: the registry's host (default ${DEFAULT_NPM_HOST}, path /OWNER/REPOSITORY/; another host is an organization-wide custom domain, path /REPOSITORY/, unless domain= says otherwise)`,
        domain: domainOptionText('domain')
    },
    programs: [],
    validate(request) {
        const problems = cloudsmithHostProblem(request, 'host', DEFAULT_NPM_HOST);
        const scope = request.options.get('scope');
        if (scope !== undefined && (scope.length > SCOPE_MAX_LENGTH || !SCOPE.test(scope))) {
            problems.push(`scope=${scope} is not an npm scope: use @ and a name of lower-case letters, digits, '-', '.' and '_' that does not start with '.' or '_', such as scope=@acme.`);
        }
        return problems;
    },
    hosts(request) {
        return [registryOf(request).nerfDart.slice(2)];
    },
    plan(request, context) {
        const plans = planNpm([request], context);
        return 'problems' in plans ? plans : plans[0];
    },
    planAll: (requests, context) => planNpm(requests, context)
};
/** Every npm line at once: one file, one NPM_CONFIG_USERCONFIG, one plan per line. */
function planNpm(requests, context) {
    const registries = requests.map(registryOf);
    const problems = [];
    if (!context.exportEnv) {
        for (const registry of registries) {
            problems.push(`${where(registry)}: npm needs export-env: true. The user config this step writes refers to the key as ${KEY_REFERENCE}, which npm and pnpm read from the environment of later steps; with export-env: false the variable is not there. Set export-env: true, or write your own .npmrc from the token output.`);
        }
    }
    problems.push(...betweenLines(registries), ...environmentOverrides(registries, context.env));
    const existing = existingConfig(context);
    if ('problem' in existing) {
        return {
            problems: [...problems, `${where(registries[0])}: ${existing.problem}`]
        };
    }
    const entries = existing.text === undefined ? [] : iniEntries(existing.text);
    problems.push(...credentialClashes(registries, entries, existing.path));
    if (problems.length > 0)
        return { problems };
    const replaced = replacedLines(registries, entries);
    const path = configPath(context);
    const content = configText(registries, existing, replaced);
    const steps = [
        { kind: 'file', path, content },
        ...userconfigExports(path, existing, context.platform)
    ];
    const carried = existing.text === undefined
        ? `There was no user config at ${existing.path} to carry over.`
        : `It carries over the settings of ${existing.path}.`;
    const replacedNotes = replaced.map((entry) => `Line ${entry.line} of ${existing.path} set ${entry.key}; this step's setting replaces it for the rest of the job.`);
    const first = registries[0]?.request.line;
    return registries.map((registry, index) => ({
        request: registry.request,
        title: `npm: ${registry.scope ?? 'every package'} from ${registry.url}`,
        steps: index === 0 ? steps : [],
        notes: index === 0
            ? [
                `npm and pnpm read ${USERCONFIG_VARIABLE}=${path}; the token line refers to ${KEY_REFERENCE}. ${carried}`,
                ...replacedNotes,
                'A project .npmrc that sets the same registry or token takes precedence over the user config.'
            ]
            : [`Written into the same user config as line ${first}.`]
    }));
}
function registryOf(request) {
    const endpoint = domainEndpoint(request, 'host', DEFAULT_NPM_HOST);
    const host = normaliseHost(endpoint.host);
    const path = endpoint.path;
    return {
        request,
        url: `https://${host}${path}`,
        nerfDart: `//${host}${path}`,
        scope: request.options.get('scope')
    };
}
/** The host as npm sees it in a request URL: lower case, without the default port 443. */
function normaliseHost(host) {
    try {
        return new URL(`https://${host}/`).host;
    }
    catch {
        return host.toLowerCase();
    }
}
function where(registry) {
    return lineName(registry.request);
}
/** Two lines may not share a registry path, a scope, or both be without a scope. */
function betweenLines(registries) {
    const problems = [];
    const seen = new Map();
    for (const registry of registries) {
        const claims = [`path ${registry.nerfDart}`, `scope ${registry.scope ?? '(every package)'}`];
        for (const claim of claims) {
            const earlier = seen.get(claim);
            if (earlier) {
                problems.push(claim.startsWith('path')
                    ? `${where(registry)}: line ${earlier.request.line} already configures the npm registry ${registry.url}; give each repository one npm line.`
                    : `${where(registry)}: line ${earlier.request.line} already sets the registry for ${registry.scope ?? 'every package (no scope=)'}; npm takes one registry per scope, so give each npm line its own scope=.`);
                break;
            }
        }
        for (const claim of claims)
            if (!seen.has(claim))
                seen.set(claim, registry);
    }
    return problems;
}
/** `npm_config_*` variables beat every config file: ones that would undo this step are refused. */
function environmentOverrides(registries, env) {
    const problems = [];
    const set = Object.entries(env).filter((entry) => /^npm_config_/i.test(entry[0]) && entry[1] !== undefined && entry[1] !== '');
    for (const registry of registries) {
        const registryKey = registry.scope === undefined ? 'registry' : `${registry.scope}:registry`;
        for (const [name] of set) {
            const key = name.slice('npm_config_'.length);
            if (key.toLowerCase() === registryKey) {
                problems.push(`${where(registry)}: the environment sets ${name}, which npm and pnpm read before any config file, so the registry this line sets would not be used. Remove ${name} from the job's env, or give this line a scope= of its own.`);
            }
            else if (key.startsWith('//') && credentialClash(key, registry.nerfDart)) {
                problems.push(`${where(registry)}: the environment sets ${name}, a credential for ${registry.nerfDart} that npm reads before any config file. Remove it from the job's env: this step signs npm in to that registry.`);
            }
        }
    }
    return problems;
}
/** Which user config npm would read now, following npm: a non-empty npm_config_userconfig (any case), else ~/.npmrc. */
function existingConfig(context) {
    const variables = new Map(Object.entries(context.env).filter((entry) => asciiUpperCase(entry[0]) === USERCONFIG_VARIABLE && entry[1] !== undefined));
    const named = [...new Set([...variables.values()].filter((value) => value !== ''))];
    if (named.length > 1) {
        return {
            problem: `the environment names more than one npm user config (${[...variables.keys()].join(', ')}); npm reads whichever comes last in the environment, so this step cannot tell which one to carry over. Set only one of them.`
        };
    }
    const path = named[0] === undefined
        ? join(context, context.homeDir, '.npmrc')
        : expandHome(named[0], context);
    return { variables, path, text: context.readFile(path)?.replace(/^\uFEFF/, '') };
}
function expandHome(path, context) {
    const home = /^~(?=$|[/\\])/;
    return home.test(path) ? join(context, context.homeDir, path.slice(2)) : path;
}
function join(context, ...parts) {
    return context.platform === 'win32' ? external_node_path_namespaceObject.win32.join(...parts) : external_node_path_namespaceObject.posix.join(...parts);
}
/**
 * The file's lines as npm's ini parser (the `ini` package npm ships) reads them: a line whose first
 * non-blank character is `;` or `#` is a comment; `[name]` starting in the first column starts a
 * section (an indented `  [name]` is a key, and the keys after it stay top level); otherwise
 * `key = value`, a line that starts with `=` being skipped. Keys and values are trimmed, taken out
 * of their quotes, and end at an unescaped `;` or `#`.
 */
function iniEntries(text) {
    const entries = [];
    let topLevel = true;
    text.split(/\r\n|\r|\n/).forEach((raw, index) => {
        if (/^\s*([;#]|$)/.test(raw))
            return;
        if (/^\[[^\]]*\]\s*$/.test(raw)) {
            topLevel = false;
            return;
        }
        const match = /^([^=]+)(=(.*))?$/.exec(raw);
        if (match === null)
            return;
        const key = iniText(match[1]);
        const value = match[2] === undefined ? 'true' : iniText(match[3]);
        entries.push({ line: index + 1, key, value, topLevel });
    });
    return entries;
}
/** A key or value as npm's ini reads it: trimmed, unquoted, cut at an unescaped `;` or `#`. */
function iniText(raw) {
    const text = raw.trim();
    const double = text.startsWith('"') && text.endsWith('"');
    const single = text.startsWith("'") && text.endsWith("'");
    if (double || single) {
        const inner = single ? text.slice(1, -1) : text;
        try {
            const parsed = JSON.parse(inner);
            return typeof parsed === 'string' ? parsed : inner;
        }
        catch {
            return inner;
        }
    }
    let out = '';
    for (let i = 0; i < text.length; i++) {
        const char = text.charAt(i);
        if (char === ';' || char === '#')
            break;
        if (char !== '\\') {
            out += char;
        }
        else if (i + 1 < text.length) {
            const next = text.charAt(++i);
            out += next === ';' || next === '#' || next === '\\' ? next : `\\${next}`;
        }
        else {
            out += char;
        }
    }
    return out.trim();
}
/** Whether a credential key's nerf dart (`//host/path[/]`) covers requests under `nerfDart`. */
function credentialClash(key, nerfDart) {
    const colon = key.lastIndexOf(':');
    if (colon === -1)
        return false;
    const field = key.slice(colon + 1);
    if (!npm_CREDENTIAL_FIELDS.includes(field))
        return false;
    const prefix = lowerCaseHost(key.slice(0, colon));
    return prefix === nerfDart || prefix === nerfDart.slice(0, -1) || prefix.startsWith(nerfDart);
}
function lowerCaseHost(nerfDart) {
    const slash = nerfDart.indexOf('/', 2);
    return slash === -1
        ? nerfDart.toLowerCase()
        : nerfDart.slice(0, slash).toLowerCase() + nerfDart.slice(slash);
}
/** Is this entry a token line this action wrote before (a second use of it in the same job)? */
function isOwnTokenLine(entry, nerfDart) {
    return entry.value === KEY_REFERENCE && lowerCaseHost(entry.key) === `${nerfDart}:_authToken`;
}
function credentialClashes(registries, entries, path) {
    const problems = [];
    for (const registry of registries) {
        for (const entry of entries) {
            if (!entry.topLevel || !entry.key.startsWith('//'))
                continue;
            if (isOwnTokenLine(entry, registry.nerfDart))
                continue;
            if (credentialClash(entry.key, registry.nerfDart)) {
                const field = entry.key.slice(entry.key.lastIndexOf(':') + 1);
                problems.push(`${where(registry)}: line ${entry.line} of the existing npm user config ${path} already holds a credential (${field}) for ${registry.nerfDart}, and this step will not write a second one. Remove that line (or that file from NPM_CONFIG_USERCONFIG), or drop this registries line and keep your own.`);
            }
        }
    }
    return problems;
}
/**
 * Carried-over lines that set a key this step sets, wherever they sit (top level or in a section,
 * which another reader may not honour): commented out, so this step's value holds.
 */
function replacedLines(registries, entries) {
    const keys = new Set(registries.map((registry) => registry.scope === undefined ? 'registry' : `${registry.scope}:registry`));
    return entries.filter((entry) => keys.has(entry.key) ||
        registries.some((registry) => lowerCaseHost(entry.key) === `${registry.nerfDart}:_authToken`));
}
function configText(registries, existing, replaced) {
    const lines = [
        '; npm and pnpm user config written by cloudsmith-oidc-action for this job; its post step removes it.',
        `; No key is stored here: npm and pnpm read ${KEY_REFERENCE} from the environment.`
    ];
    for (const registry of registries) {
        lines.push(`${registry.nerfDart}:_authToken=${KEY_REFERENCE}`, `${registry.scope === undefined ? 'registry' : `${registry.scope}:registry`}=${registry.url}`);
    }
    if (existing.text !== undefined) {
        const commentedOut = new Set(replaced.map((entry) => entry.line));
        lines.push('', `; carried over from ${existing.path}:`);
        existing.text.split(/\r\n|\r|\n/).forEach((line, index) => {
            lines.push(commentedOut.has(index + 1) ? `; replaced by cloudsmith-oidc-action: ${line}` : line);
        });
    }
    return `${lines.join('\n').replace(/\n*$/, '')}\n`;
}
/**
 * A file name for this step in RUNNER_TEMP: the step's id (two uses of the action in one job get
 * two files), and a number when a file of that name is there already.
 */
function configPath(context) {
    const step = (context.env.GITHUB_ACTION ?? '').replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
    const base = `cloudsmith-oidc-npmrc${step === '' ? '' : `-${step}`}`;
    for (let n = 1;; n++) {
        const path = join(context, context.tempDir, `${base}${n === 1 ? '' : `-${n}`}.npmrc`);
        if (context.readFile(path) === undefined)
            return path;
    }
}
/**
 * NPM_CONFIG_USERCONFIG, and each other case variant of it already set (npm reads the variable in
 * any case, the last one in the environment winning); Windows has one variable whatever the case.
 */
function userconfigExports(path, existing, platform) {
    const variables = [...existing.variables];
    const names = platform === 'win32'
        ? [USERCONFIG_VARIABLE]
        : [...new Set([USERCONFIG_VARIABLE, ...existing.variables.keys()])];
    return names.map((name) => ({
        kind: 'env',
        name,
        value: [path],
        secret: false,
        restore: platform === 'win32'
            ? (variables.find(([variable]) => asciiUpperCase(variable) === name)?.[1] ?? '')
            : (existing.variables.get(name) ?? '')
    }));
}

;// CONCATENATED MODULE: ./src/registries/python.ts
/**
 * python: `python REPOSITORY [host=HOST] [domain=KIND] [upload-host=HOST] [upload-domain=KIND]`. Points pip and uv at the repository's
 * simple index and twine and uv publish at its upload endpoint, through environment variables
 * only (nothing on disk):
 *
 * - PIP_INDEX_URL, UV_DEFAULT_INDEX: `https://token:KEY@dl.cloudsmith.io/basic/ORG/REPO/python/simple/`
 * - TWINE_REPOSITORY_URL, UV_PUBLISH_URL: `https://python.cloudsmith.io/ORG/REPO/`
 * - TWINE_USERNAME, UV_PUBLISH_USERNAME: `token`; TWINE_PASSWORD, UV_PUBLISH_PASSWORD: the key
 *
 * The index replaces PyPI rather than adding to it: a second index beside PyPI lets anyone who
 * publishes a package of the same name on PyPI win (dependency confusion). The repository gets
 * public packages through a PyPI upstream instead.
 *
 * Custom domains follow the one rule of domains.ts, each host on its own (`domain=` describes
 * `host=`, `upload-domain=` describes `upload-host=`): the index is `basic/`, the repository's
 * path (`ORG/REPO/`, `REPO/` or nothing) and `python/simple/`; the upload URL is the path alone.
 * An organization-wide download domain: `https://HOST/basic/REPO/python/simple/`; a
 * per-repository one: `https://HOST/basic/python/simple/`.
 */


/** Cloudsmith's download host: it serves every repository's Python simple index. */
const PYTHON_DOWNLOAD_HOST = 'dl.cloudsmith.io';
/** Cloudsmith's native Python host: it takes uploads (the legacy PyPI upload API). */
const PYTHON_UPLOAD_HOST = 'python.cloudsmith.io';
/** The username Cloudsmith's package endpoints take with an API key. */
const PYTHON_USERNAME = 'token';
/** The variables the plan exports, in order; the post step clears each one that still holds ours. */
const PYTHON_VARIABLES = {
    pipIndex: 'PIP_INDEX_URL',
    uvIndex: 'UV_DEFAULT_INDEX',
    twineUrl: 'TWINE_REPOSITORY_URL',
    twineUsername: 'TWINE_USERNAME',
    twinePassword: 'TWINE_PASSWORD',
    uvPublishUrl: 'UV_PUBLISH_URL',
    uvPublishUsername: 'UV_PUBLISH_USERNAME',
    uvPublishPassword: 'UV_PUBLISH_PASSWORD'
};
/**
 * Variables that, when already set, change what the exported ones do: each with what it does.
 * They are left alone; the plan's notes name the ones that are set.
 */
const INTERFERING = [
    [
        'PIP_EXTRA_INDEX_URL',
        'pip also searches that index, so a package of the same name there can win over the repository (dependency confusion); unset it and give the repository an upstream instead'
    ],
    ['PIP_NO_INDEX', 'pip ignores every index, this one too'],
    ['UV_INDEX', 'uv searches that index before this one'],
    ['UV_EXTRA_INDEX_URL', 'uv searches that index before this one'],
    [
        'UV_INDEX_URL',
        "it is uv's older name for the default index; unset it so uv reads UV_DEFAULT_INDEX"
    ],
    [
        'TWINE_REPOSITORY',
        'twine uploads to TWINE_REPOSITORY_URL, which this step sets, not to that name'
    ],
    [
        'UV_PUBLISH_TOKEN',
        'it competes with UV_PUBLISH_USERNAME and UV_PUBLISH_PASSWORD in uv publish; unset it'
    ]
];
/** The index and upload URLs of a line, without the key (Cloudsmith's form for each host). */
function pythonEndpoints(request) {
    const download = domainEndpoint(request, 'host', PYTHON_DOWNLOAD_HOST);
    const upload = domainEndpoint(request, 'upload-host', PYTHON_UPLOAD_HOST);
    return {
        downloadHost: download.host,
        uploadHost: upload.host,
        // basic/ asks for HTTP Basic authentication; it comes before the repository's path
        indexAfterKey: `@${download.host}/basic${download.path}python/simple/`,
        uploadUrl: `https://${upload.host}${upload.path}`
    };
}
/** The index URL as the user may see it: the key replaced by `***`. */
function shownIndexUrl(endpoints) {
    return `https://${PYTHON_USERNAME}:***${endpoints.indexAfterKey}`;
}
const python = {
    format: 'python',
    repository: 'required',
    options: {
        host: `the host of the simple index pip and uv read (default ${PYTHON_DOWNLOAD_HOST}; another host is an organization's custom download domain)`,
        domain: domainOptionText('domain'),
        'upload-host': `the host twine and uv publish upload to (default ${PYTHON_UPLOAD_HOST}; another host is an organization's custom Python domain)`,
        'upload-domain': domainOptionText('upload-domain')
    },
    programs: [],
    onlyOne: 'pip and uv read one index and twine uploads to one repository. Keep one python line; to upload to another repository too, give that twine step --repository-url https://python.cloudsmith.io/OWNER/REPO/ (TWINE_USERNAME and TWINE_PASSWORD still apply).',
    hosts(request) {
        const { downloadHost, uploadHost } = pythonEndpoints(request);
        return downloadHost.toLowerCase() === uploadHost.toLowerCase()
            ? [downloadHost]
            : [downloadHost, uploadHost];
    },
    validate(request) {
        return [
            ...cloudsmithHostProblem(request, 'host', PYTHON_DOWNLOAD_HOST),
            ...cloudsmithHostProblem(request, 'upload-host', PYTHON_UPLOAD_HOST)
        ];
    },
    plan(request, context) {
        const endpoints = pythonEndpoints(request);
        const index = [`https://${PYTHON_USERNAME}:`, KEY, endpoints.indexAfterKey];
        const env = (name, value, secret) => ({
            kind: 'env',
            name,
            value,
            secret,
            // A secret is never kept to be put back (it would have to be stored): post clears it. A
            // plain value goes back to what it was before the step, unless it carries a credential
            // itself (an upload URL with user:password@ in it): that is cleared too, never stored.
            restore: secret || hasUserinfo(context.env[name] ?? '') ? '' : (context.env[name] ?? '')
        });
        const v = PYTHON_VARIABLES;
        const steps = [
            env(v.pipIndex, index, true),
            env(v.uvIndex, index, true),
            env(v.twineUrl, [endpoints.uploadUrl], false),
            env(v.twineUsername, [PYTHON_USERNAME], false),
            env(v.twinePassword, [KEY], true),
            env(v.uvPublishUrl, [endpoints.uploadUrl], false),
            env(v.uvPublishUsername, [PYTHON_USERNAME], false),
            env(v.uvPublishPassword, [KEY], true)
        ];
        const notes = [
            `pip and uv install from ${shownIndexUrl(endpoints)} instead of PyPI; give the repository a PyPI upstream so public packages resolve through it (an extra index beside PyPI would invite dependency confusion).`,
            `twine upload and uv publish upload to ${endpoints.uploadUrl} as ${PYTHON_USERNAME}.`
        ];
        for (const [name, effect] of INTERFERING) {
            if (context.env[name])
                notes.push(`${name} is set in this job: ${effect}.`);
        }
        for (const name of [v.pipIndex, v.uvIndex, v.twineUrl]) {
            if (context.env[name])
                notes.push(`${name} was already set; this step replaces it.`);
        }
        return {
            request,
            title: `python: pip and uv from ${PYTHON_USERNAME}@${endpoints.downloadHost}, twine and uv publish to ${endpoints.uploadUrl}`,
            steps,
            notes
        };
    }
};
/** Whether a URL carries a user name or password (`https://user:secret@host/`). */
function hasUserinfo(value) {
    return /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*@/.test(value.trim());
}

;// CONCATENATED MODULE: ./src/registries/formats.ts
/**
 * The formats the `registries` input knows, one module each. To add one: write
 * src/registries/<format>.ts exporting a FormatModule, import it here and add it to the list.
 */




const FORMATS = new Map([docker, npm, python, cargo].map((format) => [format.format, format]));

;// CONCATENATED MODULE: ./src/inputs.ts
/**
 * Turns the step's raw `with:` strings into one typed, validated object before anything touches the
 * network. Every problem is reported at once, each naming the input and what it accepts.
 */



class InputError extends Error {
    problems;
    name = 'InputError';
    constructor(problems) {
        super(problems.join('\n'));
        this.problems = problems;
    }
}
const DEFAULT_API_URL = 'https://api.cloudsmith.io';
/** The default total-timeout-seconds: a hostile or broken server holds a job 3 minutes at most. */
const DEFAULT_TOTAL_TIMEOUT_SECONDS = 180;
const DEFAULT_TIMEOUT_SECONDS = 30;
const SLUG_MAX_LENGTH = 128;
const AUDIENCE_MAX_LENGTH = 512;
const SLUG = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
/** C0 and C1 controls, DEL and Unicode line or paragraph separators. */
// eslint-disable-next-line no-control-regex
const NOT_PRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** What GitHub's runner reads as a command: `##[` anywhere, `::` at the start. */
const RUNNER_COMMAND = /##\[|^\s*::/;
const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];
/** `read(name)` returns the raw value of an input, '' when unset (as core.getInput does). */
function parseInputs(read, programs = { findProgram: () => undefined }) {
    const problems = [];
    const get = (name) => read(name).trim();
    const slug = (name) => {
        const value = get(name);
        if (value === '') {
            problems.push(`Input '${name}' is required and was empty.`);
        }
        else if (value.length > SLUG_MAX_LENGTH) {
            problems.push(`Input '${name}' is ${value.length} characters long; at most ${SLUG_MAX_LENGTH} are allowed.`);
        }
        else if (slugProblem(value)) {
            problems.push(`Input '${name}' is ${JSON.stringify(value)}: a slug starts with a letter or digit and holds only letters, digits, '-', '_' and '.', never '..'.`);
        }
        return value;
    };
    const registries = (org) => {
        const value = read('registries');
        if (value.trim() === '')
            return [];
        const parsed = parseRegistries(value, {
            org,
            formats: FORMATS,
            slugProblem,
            findProgram: (name) => programs.findProgram(name)
        });
        problems.push(...parsed.problems);
        return parsed.requests;
    };
    const flag = (name, fallback) => {
        const value = get(name);
        if (value === '')
            return fallback;
        if (TRUE.includes(value))
            return true;
        if (FALSE.includes(value))
            return false;
        problems.push(`Input '${name}' is ${JSON.stringify(value)}: use true or false.`);
        return fallback;
    };
    const integer = (name, fallback, min, max) => {
        const value = get(name);
        if (value === '')
            return fallback;
        const n = /^\d+$/.test(value) ? Number(value) : NaN;
        if (!Number.isSafeInteger(n) || n < min || n > max) {
            problems.push(`Input '${name}' is ${JSON.stringify(value)}: use a whole number from ${min} to ${max}.`);
            return fallback;
        }
        return n;
    };
    const audience = () => {
        const value = get('audience');
        if (value === '')
            return undefined;
        if (value.length > AUDIENCE_MAX_LENGTH || NOT_PRINTABLE.test(value)) {
            problems.push(`Input 'audience' must be at most ${AUDIENCE_MAX_LENGTH} printable characters (or empty for GitHub's default).`);
        }
        else if (RUNNER_COMMAND.test(value)) {
            problems.push(`Input 'audience' holds '##[' or starts with '::', which GitHub's runner would read as a command; an audience is a URL or a plain name.`);
        }
        return value;
    };
    const apiUrl = () => {
        const value = get('api-url') || DEFAULT_API_URL;
        const checked = checkApiUrl(value);
        if ('problem' in checked) {
            // named without what may be a credential: user information, a query, a fragment
            problems.push(`Input 'api-url' is ${JSON.stringify(withoutCredentials(value))}: ${checked.problem}`);
            return value;
        }
        return checked.url;
    };
    const org = slug('org');
    const inputs = {
        org,
        serviceSlug: slug('service-slug'),
        audience: audience(),
        apiUrl: apiUrl(),
        exportEnv: flag('export-env', true),
        cleanup: flag('cleanup', true),
        maxAttempts: integer('max-attempts', 5, 1, 10),
        timeoutMs: integer('timeout-seconds', DEFAULT_TIMEOUT_SECONDS, 1, 300) * 1000,
        totalTimeoutMs: integer('total-timeout-seconds', DEFAULT_TOTAL_TIMEOUT_SECONDS, 1, 3600) * 1000,
        jobSummary: flag('job-summary', true),
        verify: flag('verify', false),
        dryRun: flag('dry-run', false),
        registries: registries(org)
    };
    if (inputs.totalTimeoutMs < inputs.timeoutMs) {
        problems.push(`Input 'total-timeout-seconds' (${inputs.totalTimeoutMs / 1000}) is less than 'timeout-seconds' (${inputs.timeoutMs / 1000}): the step's budget must hold at least one whole request.`);
    }
    if (problems.length > 0)
        throw new InputError(problems);
    return inputs;
}
/**
 * The API base URL exactly as it will be used (the parsed URL's origin and path, without a
 * trailing slash), or why `value` is not acceptable. Whitespace and control characters are refused
 * before parsing: the URL parser would drop a newline silently, and the raw text would differ
 * from what is requested.
 */
function checkApiUrl(value) {
    if (/\s/.test(value) || NOT_PRINTABLE.test(value)) {
        return { problem: 'whitespace and control characters are not allowed.' };
    }
    let url;
    try {
        url = new URL(value);
    }
    catch {
        return { problem: 'not an absolute URL (expected something like https://api.cloudsmith.io).' };
    }
    if (url.hostname.startsWith('[')) {
        // http-client hands the bracketed form to the resolver, which cannot look it up
        return { problem: 'an IPv6 address literal is not supported; use a host name.' };
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
        return { problem: 'use https (plain http is accepted only for a loopback address, for tests).' };
    }
    if (url.username || url.password)
        return { problem: 'credentials in the URL are not allowed.' };
    if (url.search || value.includes('?'))
        return { problem: 'a query string is not allowed.' };
    if (url.hash || value.includes('#'))
        return { problem: 'a fragment is not allowed.' };
    return { url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}
/** Undefined for a good slug (org, repository), else what a slug must look like. */
function slugProblem(value) {
    if (value === '')
        return 'is empty.';
    if (value.length > SLUG_MAX_LENGTH)
        return `is longer than ${SLUG_MAX_LENGTH} characters.`;
    if (!SLUG.test(value) || value.includes('..')) {
        return "is not a slug: a slug starts with a letter or digit and holds only letters, digits, '-', '_' and '.', never '..'.";
    }
    return undefined;
}
function isLoopback(hostname) {
    return hostname === 'localhost' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

;// CONCATENATED MODULE: ./src/registries/refusal.ts
/**
 * Lines of `registries` refused for the machine's state rather than their text (a standing docker
 * login, a config folder in the workspace): each says what stands in the way, its likely cause and
 * its fix, instead of the advice for a typo.
 */


/** Refused lines, and any plain input problems found with them; `problems` holds all the text. */
class RegistriesRefusedError extends InputError {
    inputProblems;
    refusals;
    constructor(inputProblems, refusals) {
        super([...inputProblems, ...refusals.map((refusal) => refusal.problem)]);
        this.inputProblems = inputProblems;
        this.refusals = refusals;
    }
}
/** The failure's title and lines: each refusal with its cause and fix, then any input problems. */
function refusalLines(error) {
    const lines = [
        log `The registries input cannot be applied on this machine as it stands; nothing was sent anywhere and nothing was changed.`
    ];
    for (const refusal of error.refusals) {
        lines.push(log `- ${refusal.problem}`, log `  Likely cause: ${refusal.cause}`, log `  Fix: ${refusal.fix}`);
    }
    if (error.inputProblems.length > 0) {
        lines.push(log `The step's inputs also have problems:`, ...error.inputProblems.map((problem) => log `- ${problem}`), log `Likely cause: a typo, or an expression in 'with:' that evaluated to something else (an unset variable gives an empty string).`, log `Fix: correct the 'with:' values of this step.`);
    }
    return { title: log `Package manager not configured`, lines };
}

;// CONCATENATED MODULE: ./src/oidc-availability.ts
/**
 * Whether the job can ask GitHub for an ID token at all, and if not, why: a pull request from a
 * fork, a Dependabot run, or a job without `permissions: id-token: write`. Each has its own fix.
 */
class OidcUnavailableError extends Error {
    reason;
    eventName;
    name = 'OidcUnavailableError';
    constructor(reason, eventName) {
        super(`GitHub gave this job no way to request an ID token (${reason})`);
        this.reason = reason;
        this.eventName = eventName;
    }
}
const PULL_REQUEST_EVENTS = new Set([
    'pull_request',
    'pull_request_review',
    'pull_request_review_comment'
]);
/** Throws OidcUnavailableError unless both ACTIONS_ID_TOKEN_REQUEST_* variables are set. */
function requireOidc(env, readEvent) {
    if (env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN)
        return;
    throw new OidcUnavailableError(whyUnavailable(env, readEvent), env.GITHUB_EVENT_NAME);
}
function whyUnavailable(env, readEvent) {
    const eventName = env.GITHUB_EVENT_NAME ?? '';
    const event = safely(readEvent);
    if (PULL_REQUEST_EVENTS.has(eventName) && isFromFork(event))
        return 'fork';
    if (isDependabot(env.GITHUB_ACTOR) || isDependabot(senderLogin(event)))
        return 'dependabot';
    return 'permission';
}
/**
 * A pull request whose head repository is not the base repository. A deleted fork leaves the head
 * repository null: still a fork. (`head.repo.fork` is no test: it is also true for a pull request
 * between two branches of a repository that is itself a fork.)
 */
function isFromFork(event) {
    const pr = field(event, 'pull_request');
    if (!pr)
        return false;
    const head = field(field(pr, 'head'), 'repo');
    const baseName = field(field(field(pr, 'base'), 'repo'), 'full_name');
    if (head === null)
        return true;
    const headName = field(head, 'full_name');
    return typeof headName === 'string' && typeof baseName === 'string' && headName !== baseName;
}
function isDependabot(login) {
    return login === 'dependabot[bot]';
}
function senderLogin(event) {
    return field(field(event, 'sender'), 'login');
}
function field(value, key) {
    return value && typeof value === 'object' ? value[key] : undefined;
}
function safely(read) {
    try {
        return read();
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/proxy-env.ts
/**
 * The runner's proxy variables as @actions/http-client reads them. A value without a scheme
 * (`HTTPS_PROXY=proxy:3128`, which curl takes as http://) parses as a URL of scheme `proxy:` there
 * and the proxy is silently not used; it is read as http:// here, and said so. A value http-client
 * cannot read at all (a `%ZZ` in the user name, a `#` in the password) makes it connect directly,
 * past the proxy, without a word: the step stops instead, naming the variable and never its value.
 */

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
function schemelessProxyFixes(env) {
    const fixes = [];
    for (const name of PROXY_VARIABLES) {
        const raw = env[name]?.trim();
        if (!raw || SCHEME.test(raw))
            continue;
        const value = `http://${raw}`;
        // one http-client cannot use is left as it is, for requireUsableProxies to name
        if (proxyProblem(value) !== undefined)
            continue;
        const url = new URL(value);
        const credentials = url.username || url.password ? '***@' : '';
        const where = `${credentials}${url.port ? `${url.hostname}:${url.port}` : url.hostname}`;
        fixes.push({
            name,
            value,
            note: log `${name} names a proxy without a scheme (${where}); using it as http://${where}, as curl does.`
        });
    }
    return fixes;
}
/** A proxy variable @actions/http-client would ignore (or misread): the request would go direct. */
class ProxySettingError extends Error {
    variable;
    problem;
    name = 'ProxySettingError';
    constructor(
    /** The variable, never its value: that may hold a password. */
    variable, 
    /** Why it cannot be used, in words that quote nothing of the value. */
    problem) {
        super(`${variable} cannot be used as a proxy URL: ${problem}`);
        this.variable = variable;
        this.problem = problem;
    }
}
/**
 * Stops unless every proxy variable that is set is a URL http-client reads as the proxy it names.
 * Run after the schemeless fixes are applied.
 */
function requireUsableProxies(env) {
    for (const name of PROXY_VARIABLES) {
        const value = env[name];
        if (value === undefined || value === '')
            continue;
        const problem = proxyProblem(value);
        if (problem !== undefined)
            throw new ProxySettingError(name, problem);
    }
}
/**
 * Why http-client cannot use `value` as a proxy, or undefined when it can. It reads the value with
 * `new URL` and decodes the user name and password with `decodeURIComponent`; when either throws,
 * it uses no proxy at all. A value without a scheme is judged as http://, as schemelessProxyFixes
 * makes it.
 */
function proxyProblem(value) {
    const trimmed = value.trim();
    if (trimmed === '')
        return 'it is blank.';
    const text = SCHEME.test(trimmed) ? value : `http://${trimmed}`;
    let url;
    try {
        url = new URL(text);
    }
    catch {
        return "it is not a URL (a '#', '/', '?' or '@' in the user name or password must be percent-encoded: %23, %2F, %3F, %40).";
    }
    try {
        decodeURIComponent(url.username);
        decodeURIComponent(url.password);
    }
    catch {
        return "its user name or password holds a '%' that does not start a percent-escape: write a '%' as %25.";
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        return 'its scheme is not http:// or https:// (the only proxies the action can use).';
    }
    if (url.hostname === '')
        return 'it names no host.';
    // an '@' after the authority: a '/', '?' or '#' in the password ended the authority early, and
    // the proxy would be another host
    const afterAuthority = /[/?#\\].*$/s.exec(trimmed.replace(SCHEME, ''))?.[0] ?? '';
    if (afterAuthority.includes('@')) {
        return "its '@' does not end the user information, so the proxy would be the wrong host (a '/', '?' or '#' in the password must be percent-encoded: %2F, %3F, %23).";
    }
    return undefined;
}
/**
 * The credentials in the proxy variables (user name and password, as written and decoded), so
 * that nothing quoted from outside can show them.
 */
function proxyCredentials(env) {
    const found = new Set();
    for (const name of PROXY_VARIABLES) {
        const value = env[name]?.trim();
        if (!value)
            continue;
        let url;
        try {
            url = new URL(SCHEME.test(value) ? value : `http://${value}`);
        }
        catch {
            continue;
        }
        for (const part of [url.username, url.password]) {
            if (!part)
                continue;
            found.add(part);
            try {
                found.add(decodeURIComponent(part));
            }
            catch {
                // kept as written
            }
        }
    }
    return [...found];
}

;// CONCATENATED MODULE: ./src/registries/apply-error.ts
/** How applying a `registries` line fails: what failed, what the client said, the fix. */


/** A step of a plan that could not be applied. */
class RegistryApplyError extends Error {
    failureTitle;
    failureLines;
    name = 'RegistryApplyError';
    constructor(failureTitle, failureLines) {
        super(joinLines([...failureLines]).text);
        this.failureTitle = failureTitle;
        this.failureLines = failureLines;
    }
}
/** The failure of one of `plan`'s steps: the line, what failed, the rest of the story. */
function applyFailure(plan, what, rest) {
    return new RegistryApplyError(log `Package manager not configured`, [
        log `${lineName(plan.request)}: ${plan.title}`,
        what,
        ...rest,
        log `The key itself was exchanged and published; the post step undoes what this step configured before the failure.`
    ]);
}

;// CONCATENATED MODULE: ./src/verify.ts
/**
 * Optional check that Cloudsmith accepts the new key: GET <api-url>/user/self/ with it, and read
 * who it authenticates as. Like the exchange, the path is appended to api-url as it is, as the
 * Cloudsmith CLI does with CLOUDSMITH_API_HOST: Cloudsmith answers at its API root and under /v1/,
 * so `https://api.cloudsmith.io` and `https://api.cloudsmith.io/v1` both work.
 */




/** The retry policy's and the error messages' name for this call. */
const VERIFY_OPERATION = 'Verifying the key';
/** The longest name or slug shown; Cloudsmith's are far shorter. */
const IDENTITY_MAX_CHARS = 100;
/** Cloudsmith answered, and does not accept the key. */
class VerifyError extends Error {
    name = 'VerifyError';
}
function userSelfUrl(apiUrl) {
    return `${apiUrl}/user/self/`;
}
async function verifyKey(apiUrl, token, timeoutMs, http, now, 
/** Other credentials the action holds, cut from anything quoted besides the key. */
knownSecrets = []) {
    const secrets = [token, ...knownSecrets];
    const url = userSelfUrl(apiUrl);
    const response = await callCloudsmith(http, {
        method: 'GET',
        url,
        headers: { Accept: 'application/json', 'X-Api-Key': token },
        timeoutMs,
        maxBodyBytes: MAX_BODY_BYTES,
        secrets
    });
    if (response.status !== 200) {
        const error = answerError(VERIFY_OPERATION, response, secrets, now());
        if (error instanceof CloudsmithError) {
            throw new VerifyError(`GET ${url} was answered ${error.status}: ${error.said}`);
        }
        throw error;
    }
    const parsed = parseJson(response.body);
    if (parsed === undefined) {
        throw new VerifyError(`GET ${url} did not answer JSON: ${excerpt(response.body, secrets)}`);
    }
    const body = (parsed && typeof parsed === 'object' ? parsed : {});
    if (body.authenticated !== true) {
        throw new VerifyError(`GET ${url} says the key is not authenticated`);
    }
    // outside text like any other: bounded, and without anything a secret holds
    const text = (value) => typeof value === 'string' && value ? excerpt(value, secrets, IDENTITY_MAX_CHARS) : 'unknown';
    return { slug: text(body.slug), name: text(body.name) };
}

;// CONCATENATED MODULE: ./src/diagnose.ts
/**
 * Turns any failure into what the user needs: what failed, what the server said, the likely cause
 * and the fix, with a short title for the annotation. Every text here is built from values that
 * were already redacted or are not secret.
 */

















const PERMISSIONS_BLOCK = ['permissions:', '  id-token: write', '  contents: read'];
const PROXY_SETTINGS = [...PROXY_VARIABLES, 'NO_PROXY', 'no_proxy'];
function failure(title, lines, brief) {
    return { title, message: joinLines(lines), ...(brief ? { brief: joinLines(brief) } : {}) };
}
function explain(error, context) {
    if (error instanceof InputError)
        return invalidInputs(error);
    if (error instanceof RegistryApplyError) {
        return failure(error.failureTitle, [...error.failureLines]);
    }
    if (error instanceof OidcUnavailableError)
        return oidcUnavailable(error);
    if (error instanceof IdTokenError)
        return idTokenRefused(error);
    if (error instanceof RetriesExhaustedError)
        return gaveUp(error, context);
    if (error instanceof VerifyError)
        return verifyFailed(error, context);
    if (error instanceof CloudsmithError)
        return cloudsmithError(error, context);
    if (error instanceof TokenAnswerError)
        return badTokenAnswer(error, context);
    if (error instanceof AnswerTooLargeError)
        return oversized(error);
    if (error instanceof TransportRefusedError)
        return transportRefused(error, context);
    if (error instanceof CertificateChecksOffError)
        return certificateChecksOff();
    if (error instanceof RequestDebugOnError)
        return requestDebugOn(error);
    if (error instanceof ProxySettingError)
        return proxySettingUnusable(error);
    if (error instanceof OutOfTimeError)
        return outOfTime(error, context);
    const text = redact(errorMessage(error), context.secrets);
    return failure(log `Unexpected error`, [
        log `The action failed unexpectedly: ${text}`,
        log `Likely cause: a bug in cloudsmith-oidc-action.`,
        log `Fix: re-run with debug logging (secret ACTIONS_STEP_DEBUG=true) and report the log in an issue.`
    ]);
}
function invalidInputs(error) {
    if (error instanceof RegistriesRefusedError) {
        const refused = refusalLines(error);
        return failure(refused.title, refused.lines);
    }
    return failure(log `Invalid input`, [
        log `The step's inputs are not valid; nothing was sent anywhere.`,
        ...error.problems.map((problem) => log `- ${problem}`),
        log `Likely cause: a typo, or an expression in 'with:' that evaluated to something else (an unset variable gives an empty string).`,
        log `Fix: correct the 'with:' values of this step.`
    ]);
}
function oidcUnavailable(error) {
    switch (error.reason) {
        case 'fork':
            return failure(log `No ID token for a pull request from a fork`, [
                log `GitHub gives no ID token to a workflow run for a pull request from a fork, whatever its permissions say.`,
                log `Likely cause: this ${error.eventName} run comes from a fork, and fork runs cannot be trusted with credentials.`,
                log `Fix: skip this step for forks (if: github.event_name != '${error.eventName ?? 'pull_request'}' || github.event.pull_request.head.repo.full_name == github.repository), and publish from runs on the base repository (push, release, or a merge).`
            ]);
        case 'dependabot':
            return failure(log `No ID token for a Dependabot run`, [
                log `GitHub gave this run, triggered by dependabot[bot], no way to request an ID token.`,
                log `Likely cause: GitHub gives runs triggered by Dependabot a read-only token by default; only a permissions block that grants id-token: write raises it.`,
                log `Fix: if Dependabot runs should publish, add this to the job (and make sure the Cloudsmith provider's required claims accept Dependabot's branches, refs/heads/dependabot/...):`,
                ...PERMISSIONS_BLOCK.map((line) => log `  ${line}`),
                log `If they should not, skip this step for them: if: github.actor != 'dependabot[bot]'.`
            ]);
        case 'permission':
            return failure(log `Missing permission id-token: write`, [
                log `GitHub gave this job no way to request an ID token (ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set).`,
                log `Likely cause: the job or workflow lacks the id-token permission.`,
                log `Fix: add this to the job (or the workflow):`,
                ...PERMISSIONS_BLOCK.map((line) => log `  ${line}`),
                log `A permissions block replaces the defaults, so list every other permission the job needs too.`
            ]);
    }
}
function idTokenRefused(error) {
    return failure(log `Could not get a GitHub ID token`, [
        log `${error.message}`,
        log `Likely cause: GitHub's token service refused the request or is having trouble.`,
        log `Fix: check that the job has 'permissions: id-token: write' and that the audience input is valid; re-run the job; see https://www.githubstatus.com if it persists.`
    ]);
}
function gaveUp(error, context) {
    const last = error.lastError;
    const status = last.cause instanceof CloudsmithError ? last.cause.status : undefined;
    const timedOut = last.cause instanceof NetworkError && last.cause.kind === 'timeout';
    const target = context.inputs ? new URL(context.inputs.apiUrl).host : 'the server';
    const idTokenHost = hostOf(context.env.ACTIONS_ID_TOKEN_REQUEST_URL) ?? "GitHub's token service";
    const proxies = setVariables(context.env, PROXY_SETTINGS);
    const proxyNote = proxies.length
        ? `the proxy settings: ${proxies.join(', ')} ${proxies.length === 1 ? 'is' : 'are'} set`
        : '';
    const lines = [
        log `${error.operation} failed after ${error.attempts} attempt(s) over ${formatSeconds(error.elapsedMs)}.`,
        log `Last error: ${last.message}`
    ];
    if (error.operation === ID_TOKEN_OPERATION) {
        return failure(log `GitHub ID token unavailable`, [
            ...lines,
            log `Likely cause: GitHub's token service at ${idTokenHost} is unreachable or having trouble${proxyNote ? `, or ${proxyNote}` : ''}.`,
            log `Fix: re-run the job; check that the runner can reach ${idTokenHost}; see https://www.githubstatus.com if it persists.`
        ]);
    }
    if (status === 429) {
        return failure(log `Cloudsmith rate limit`, [
            ...lines,
            log `Likely cause: too many requests to Cloudsmith at once (for example a large matrix starting together).`,
            log `Fix: set strategy.max-parallel on the matrix so fewer jobs ask at once, or raise max-attempts. To use the key in several jobs, run this action in each job that needs the key: GitHub does not pass a job output that holds a masked value to other jobs, so a key handed on as a job output arrives empty.`
        ]);
    }
    if (status !== undefined) {
        return failure(log `Cloudsmith unavailable (${status})`, [
            ...lines,
            log `Likely cause: Cloudsmith is having trouble.`,
            log `Fix: re-run the job; see https://status.cloudsmith.io if it persists.`
        ]);
    }
    if (timedOut) {
        return failure(log `No answer from ${target}`, [
            ...lines,
            log `Likely cause: ${target} or something in between (${proxyNote ? `${proxyNote}; ` : ''}a firewall that drops traffic) took longer than timeout-seconds to answer.`,
            log `Fix: raise timeout-seconds for a slow link; check that the runner can reach ${target} and that api-url is right.`
        ]);
    }
    return failure(log `Cannot reach ${target}`, [
        ...lines,
        log `Likely cause: a network problem between the runner and ${target} (DNS, a firewall${proxyNote ? `, or ${proxyNote}` : ''}).`,
        log `Fix: check that the runner can reach ${target} and that api-url is right.`
    ]);
}
function tried(context) {
    const inputs = context.inputs;
    if (!inputs)
        return undefined;
    return log `Tried: org '${inputs.org}', service account '${inputs.serviceSlug}', at ${exchangeUrl(inputs.apiUrl, inputs.org)}`;
}
function cloudsmithError(error, context) {
    if (error.call === EXCHANGE_OPERATION && REFUSED_STATUSES.has(error.status)) {
        return exchangeRefused(error, context);
    }
    const said = log `Cloudsmith said: ${error.status} ${error.said}`;
    if (error.status >= 300 && error.status < 400) {
        let where = 'no location';
        try {
            where = error.location ? new URL(error.location, context.inputs?.apiUrl).host : where;
        }
        catch {
            where = 'an unreadable location';
        }
        return failure(log `Redirect refused`, [
            log `${error.call} was answered with a redirect (${error.status} to ${where}), which the action does not follow: the ID token must never be sent anywhere but api-url.`,
            said,
            log `Likely cause: api-url is not the Cloudsmith API (a web page, an old host, http instead of https).`,
            log `Fix: set api-url to https://api.cloudsmith.io, or to your Cloudsmith API host.`,
            tried(context)
        ]);
    }
    if (error.status === 404) {
        return failure(log `Cloudsmith endpoint not found`, [
            log `${error.call} failed: Cloudsmith answered 404.`,
            said,
            log `Likely cause: the organization slug is wrong, or api-url does not point to the Cloudsmith API.`,
            log `Fix: use the organization slug as in https://app.cloudsmith.com/<org>, and api-url https://api.cloudsmith.io.`,
            tried(context)
        ]);
    }
    return failure(log `Cloudsmith answered ${error.status}`, [
        log `${error.call} failed.`,
        said,
        log `Likely cause: a request Cloudsmith does not accept, or a change on Cloudsmith's side.`,
        log `Fix: check org, service-slug and api-url; re-run with debug logging and report it if it persists.`,
        tried(context)
    ]);
}
function exchangeRefused(error, context) {
    const claims = context.claims ?? {};
    const iss = claimText(claims, 'iss');
    const aud = claimText(claims, 'aud');
    const inputs = context.inputs;
    const reusable = reusableWorkflow(claims);
    const checks = [
        log `- Provider URL: must be exactly ${iss}${iss !== MISSING ? log ` (${providerUrlNote(iss)})` : ''}.`,
        iss !== GITHUB_ISSUER && iss !== MISSING
            ? log `  This is not the usual github.com issuer: GitHub Enterprise with its own issuer.`
            : undefined,
        log `- Audience: the token's aud is ${aud}${inputs?.audience === undefined ? " (GitHub's default)" : ''}. If the provider requires another aud, set the audience input to it.`,
        isGithubDefaultAudience(claims)
            ? log `  A provider set up for the Cloudsmith CLI's own OIDC support may require aud = ${CLI_AUDIENCE} (the audience the CLI asks for): then set 'audience: ${CLI_AUDIENCE}' on this step.`
            : undefined,
        reusable
            ? log `- Reusable workflow: this job runs ${reusable.called}, called from ${reusable.caller}. A required claim on workflow_ref matches the caller; require job_workflow_ref to pin the reusable workflow.`
            : undefined,
        inputs
            ? log `- Service account: '${inputs.serviceSlug}' must exist in '${inputs.org}' and be linked to the provider.`
            : undefined,
        log `- Required claims: each must equal (or, ending in *, prefix-match) a value below.`,
        idClaimsNote(claims) ? log `  ${idClaimsNote(claims)}` : undefined,
        claimText(claims, 'sub') !== MISSING ? log `  ${subjectFormNote(claims)}` : undefined
    ];
    const what = log `Cloudsmith refused to exchange the GitHub ID token for an API key.`;
    const said = log `Cloudsmith said: ${error.status} ${error.said}`;
    const cause = log `Likely cause: the org's OpenID Connect provider does not accept this token's claims, or the service account is not linked to it. Cloudsmith's answer does not say which, by design.`;
    const where = `${inputs?.org ?? 'the organization'} > Settings > OpenID Connect`;
    return failure(log `Cloudsmith refused the ID token`, [
        what,
        said,
        cause,
        log `Fix: in Cloudsmith, ${where}, compare the provider with these checks and claims (tip: the dry-run input prints settings that would accept this token):`,
        ...checks,
        tried(context),
        log `ID token claims:`,
        ...claimLines(claims).map((line) => log `  ${line}`)
    ], [
        what,
        said,
        cause,
        log `Fix: in Cloudsmith, ${where}, compare the provider with the checks and the ID token's claims in the step's log, or run the step with dry-run: true to print settings that would accept this token.`,
        tried(context)
    ]);
}
function badTokenAnswer(error, context) {
    return failure(log `Unusable answer from Cloudsmith`, [
        log `Cloudsmith answered ${error.status} to the exchange, but ${error.problem}.`,
        log `Body: ${error.said}`,
        log `Likely cause: api-url points to something other than the Cloudsmith API (a proxy or a mock), or the API changed.`,
        log `Fix: check api-url; if it is https://api.cloudsmith.io, report this with the log.`,
        tried(context)
    ]);
}
function oversized(error) {
    return failure(log `Answer too large`, [
        log `${capitalize(error.message)}.`,
        log `Likely cause: api-url points to something other than the Cloudsmith API, or a proxy answered instead.`,
        log `Fix: check api-url and the runner's proxy settings.`
    ]);
}
function verifyFailed(error, context) {
    return failure(log `Cloudsmith does not accept the new key`, [
        log `The exchange returned a key, but ${error.message}.`,
        log `Likely cause: the service account is disabled or lacks access, or api-url differs from where the key is valid.`,
        log `Fix: check the service account '${context.inputs?.serviceSlug ?? ''}' in Cloudsmith; set verify: false to skip this check.`
    ]);
}
function transportRefused(error, context) {
    const host = error.host ?? hostOf(context.env.ACTIONS_ID_TOKEN_REQUEST_URL) ?? "GitHub's token service";
    const what = log `${capitalize(error.message)}. This is not retried: another attempt meets the same refusal.`;
    if (error.fault.kind === 'tls') {
        return failure(log `TLS certificate not trusted`, [
            what,
            log `Likely cause: the certificate ${host} presented is not one Node.js trusts: a TLS-inspecting proxy or firewall on the runner's network replaced it with its own, or it is self-signed, expired, or made out for another host.`,
            log `Fix: on a network that inspects TLS, give the runner that proxy's CA certificate: set NODE_EXTRA_CA_CERTS to its PEM file in the job's env (Node.js reads it at start). Otherwise check that api-url names the Cloudsmith API host. The action never turns certificate checks off.`
        ]);
    }
    const status = error.fault.status;
    return failure(log `Proxy refused the connection (${status})`, [
        what,
        status === 407
            ? log `Likely cause: the proxy in the runner's proxy settings (${proxyNames(context.env)}) asks for credentials, and none were given.`
            : log `Likely cause: the proxy in the runner's proxy settings (${proxyNames(context.env)}) does not let this runner reach ${host}.`,
        status === 407
            ? log `Fix: put the credentials in the proxy URL, from a secret: HTTPS_PROXY=http://user:password@proxy:port (and HTTP_PROXY likewise).`
            : log `Fix: ask for ${host} to be allowed through the proxy, or add it to NO_PROXY if the runner can reach it directly.`
    ]);
}
function certificateChecksOff() {
    return failure(log `Certificate checks are turned off`, [
        log `NODE_TLS_REJECT_UNAUTHORIZED is 0, so Node.js would accept any certificate: the GitHub ID token could go to whoever answers for api-url. Nothing was sent anywhere.`,
        log `Likely cause: the workflow, the job, this step or the runner sets NODE_TLS_REJECT_UNAUTHORIZED=0, often to get past a TLS-inspecting proxy.`,
        log `Fix: remove NODE_TLS_REJECT_UNAUTHORIZED; to trust a TLS-inspecting proxy, set NODE_EXTRA_CA_CERTS to its CA certificate file instead.`
    ]);
}
function requestDebugOn(error) {
    return failure(log `Node debug output would show credentials`, [
        log `NODE_DEBUG turns on Node.js's debug output for ${error.modules.join(', ')}, which prints every request's options and headers on stderr: the Cloudsmith key (X-Api-Key) and the runner's token for the ID token would reach the log. Nothing was sent anywhere.`,
        log `Likely cause: NODE_DEBUG is set for the workflow, the job, this step or on the runner, to debug another step.`,
        log `Fix: remove NODE_DEBUG for this step (set it only on the steps that need it, or to modules other than http, https, net, tls, http2, undici and fetch); for the action's own details, turn on debug logging (secret ACTIONS_STEP_DEBUG=true).`
    ]);
}
function proxySettingUnusable(error) {
    return failure(log `Proxy setting unusable`, [
        log `${error.variable} cannot be used as a proxy URL: ${error.problem} @actions/http-client would not use it as meant: it would connect directly, past the proxy, or to another host. Nothing was sent anywhere.`,
        log `Likely cause: a proxy password or user name with special characters written into the URL as they are.`,
        log `Fix: percent-encode the user name and password in ${error.variable} (in JavaScript, encodeURIComponent), for example http://user:p%23ss@proxy.example:3128; or unset ${error.variable} if the runner needs no proxy.`
    ]);
}
function outOfTime(error, context) {
    const target = error.operation === ID_TOKEN_OPERATION
        ? (hostOf(context.env.ACTIONS_ID_TOKEN_REQUEST_URL) ?? "GitHub's token service")
        : context.inputs
            ? new URL(context.inputs.apiUrl).host
            : 'the server';
    const budget = formatSeconds(error.budgetMs);
    return failure(log `Step time budget used up`, [
        log `${error.operation} was stopped after ${error.attempts} attempt(s): the step's time budget (total-timeout-seconds, ${budget}) ran out.`,
        error.waitMs !== undefined
            ? log `The next attempt had to wait ${formatSeconds(error.waitMs)}${error.lastError?.retryAfterMs !== undefined ? ' (the server asked for that with Retry-After)' : ''}, past the end of the budget.`
            : undefined,
        error.lastError ? log `Last error: ${error.lastError.message}` : undefined,
        log `Likely cause: ${target} kept failing, or answered too slowly, for the whole budget.`,
        log `Fix: re-run the job later; check that the runner can reach ${target}. To wait longer, raise total-timeout-seconds (and max-attempts); to give up sooner, lower them.`
    ]);
}
function proxyNames(env) {
    return setVariables(env, PROXY_VARIABLES).join(', ') || 'none set';
}
function setVariables(env, names) {
    return names.filter((name) => env[name]);
}
function hostOf(url) {
    try {
        return url ? new URL(url).host : undefined;
    }
    catch {
        return undefined;
    }
}
function capitalize(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

;// CONCATENATED MODULE: ./src/dry-run.ts


function providerAdvice(org, serviceSlug, claims, suggestion) {
    const width = Math.max(0, ...suggestion.claims.map((c) => `${c.name} = ${c.value}`.length));
    const { recommended } = suggestion;
    return [
        log `Dry run: nothing is exchanged. The ID token claims:`,
        ...claimLines(claims).map((line) => log `  ${line}`),
        log `A Cloudsmith OpenID Connect provider in '${org}' that accepts this token:`,
        log `  Provider URL:     ${suggestion.providerUrl}`,
        log `                    (${providerUrlNote(suggestion.providerUrl)})`,
        suggestion.claims.length > 0
            ? log `  Required claims:  one is enough. Each admits the jobs named beside it, from broadest to narrowest; a second claim only narrows further (a job must match all of them):`
            : log `  Required claims:  none of the usual claims is in this token; require one the token shows above.`,
        ...suggestion.claims.map((claim) => log `    ${`${claim.name} = ${claim.value}`.padEnd(width)}   ${claim.admits}`),
        ...(recommended
            ? [
                log `  Recommended:      ${recommended.name} = ${recommended.value}: ${RECOMMENDED_BECAUSE}.`
            ]
            : []),
        log `  Service account:  ${serviceSlug} (link it to the provider)`,
        log `  aud:              ${suggestion.audience} (require it only if you want to pin the audience)`,
        subjectFormNote(claims)
    ];
}

;// CONCATENATED MODULE: ./src/outputs.ts
/**
 * What the action leaves for later steps and for its post step: outputs, the environment variables,
 * and the state the post step reads. The caller has masked the key already (readTokenAnswer does
 * it the moment the key is read).
 */



const outputs_API_KEY_VARIABLE = 'CLOUDSMITH_API_KEY';
/** The API base URL the Cloudsmith CLI reads; exported only for a non-default api-url. */
const API_HOST_VARIABLE = 'CLOUDSMITH_API_HOST';
/** Names of the state main saves for post. */
const STATE = {
    exported: 'exported',
    cleanup: 'cleanup',
    expiresAt: 'expires-at',
    /** SHA-256 of the exported key: post acts only while the variable still holds this key. */
    fingerprint: 'key-sha256',
    /** The CLOUDSMITH_API_HOST value main exported, if it exported one: post clears only that. */
    apiHost: 'api-host'
};

function publish(key, options, io) {
    io.setOutput('token', key.token);
    io.setOutput('expires-at', key.expiresAt.toISOString());
    io.saveState(STATE.expiresAt, key.expiresAt.toISOString());
    if (options.exportEnv) {
        io.exportVariable(outputs_API_KEY_VARIABLE, key.token);
        io.saveState(STATE.exported, 'true');
        io.saveState(STATE.fingerprint, fingerprint(key.token));
        io.saveState(STATE.cleanup, String(options.cleanup));
        io.info(log `Exported ${outputs_API_KEY_VARIABLE} for the following steps of this job.`);
        if (options.apiUrl !== DEFAULT_API_URL) {
            io.exportVariable(API_HOST_VARIABLE, options.apiUrl);
            io.saveState(STATE.apiHost, options.apiUrl);
            io.info(log `Exported ${API_HOST_VARIABLE}=${options.apiUrl}: the Cloudsmith CLI in later steps uses this API host too.`);
        }
    }
}

;// CONCATENATED MODULE: ./src/registries/docker-helper.ts

/** What docker-credential-helpers print (on standard output) for an address they hold nothing for. */
const NOT_FOUND = 'credentials not found in native keychain';
/** A helper's name: docker runs docker-credential-NAME, so no path may hide in it. */
const HELPER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** A JSON member whose value is a credential, in what a helper prints. */
const SECRET_MEMBER = /("?(?:secret|password|identitytoken|registrytoken|token|auth)"?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|\S+)/gi;
/**
 * Asks `docker-credential-HELPER get` what it holds for an address (docker configured with
 * DOCKER_CONFIG=configDir). A helper answers an address it has nothing for with "credentials not
 * found in native keychain" and a non-zero exit; any other failure (a locked keychain, a crash, a
 * timeout) leaves the answer unknown.
 */
function readCredentialHelper(machine, helper, address, configDir, deadline) {
    if (!HELPER_NAME.test(helper)) {
        return {
            kind: 'unknown',
            why: `docker's credential store name '${helper}' is not a program name docker-credential-NAME can have`
        };
    }
    const program = machine.findProgram(`docker-credential-${helper}`);
    if (program === undefined) {
        return {
            kind: 'unknown',
            why: `docker's credential store program docker-credential-${helper} is not on PATH`
        };
    }
    const result = machine.run(program, ['get'], {
        input: address,
        env: { DOCKER_CONFIG: configDir },
        deadline
    });
    return helperRead(helper, result);
}
/** A credential helper's `get` result, read. */
function helperRead(helper, result) {
    if (result.status === 0 && result.error === undefined) {
        return { kind: 'found', answer: result.stdout };
    }
    if (result.error === undefined && result.stdout.trim() === NOT_FOUND)
        return { kind: 'none' };
    return {
        kind: 'unknown',
        why: `docker-credential-${helper} get failed (${result.error ?? `exit code ${result.status}`})${saidOnStderr(result.stderr)}`
    };
}
/**
 * A program's error output fit to quote: credential-like members cut, then redacted as server
 * text (JWTs and runs of known secrets cut, one line, bounded); '' when it said nothing.
 */
function saidOnStderr(stderr, secrets = []) {
    // the last lines say what went wrong; earlier ones are progress
    const last = stderr
        .split(/\r\n|\r|\n/)
        .filter((line) => line.trim() !== '')
        .slice(-2)
        .join(' / ');
    if (last === '')
        return '';
    return ` and said on its error output: ${excerpt(last.replace(SECRET_MEMBER, '$1***'), secrets)}`;
}

;// CONCATENATED MODULE: ./src/registries/docker-login.ts





function dockerLogin(plan, step, key, record, { io, system, deadline }) {
    const docker = system.findProgram('docker');
    if (docker === undefined) {
        throw applyFailure(plan, log `The docker program is no longer on PATH.`, [
            log `Fix: keep docker installed for the whole job.`
        ]);
    }
    record({
        kind: 'docker-login',
        line: plan.request.line,
        host: step.host,
        username: step.username,
        configDir: step.configDir,
        keySha256: fingerprint(key)
    });
    const result = system.run(docker, ['login', step.host, '--username', step.username, '--password-stdin'], { input: key, env: { DOCKER_CONFIG: step.configDir }, deadline });
    // what docker says may echo the key or the form it stores: its error output only, redacted
    const secrets = [key, basicAuth(step.username, key)];
    if (result.stderr.trim() !== '')
        io.debug(log `docker${saidOnStderr(result.stderr, secrets)}`);
    if (result.status !== 0) {
        throw applyFailure(plan, log `docker login ${step.host} --username ${step.username} --password-stdin failed (${result.error ?? `exit code ${result.status}`})${saidOnStderr(result.stderr, secrets)}.`, [
            log `Likely cause: the registry refused the key (is ${step.host} the organization's docker host, and may the service account read it?), or the registry cannot be reached from the runner.`,
            log `Fix: check the host= of this line and the service account's access to the repository; the key itself works for the API (the exchange succeeded).`
        ]);
    }
    io.info(log `  Logged docker in to ${step.host} as ${step.username}.`);
}

;// CONCATENATED MODULE: ./src/registries/record.ts
/**
 * What main applied for the `registries` input, as the post step reads it from the step's state.
 * Never the key: a variable's value and a docker login are recorded by SHA-256 only. Main saves
 * an empty record when it starts (so post never reads a record this step did not write: the
 * runner gives post the job's environment first, where an earlier step may have put a
 * STATE_registries), then the record again after each file and variable exists, and before each
 * docker login (a login may complete after main is stopped). Post checks every field before it
 * acts on any.
 */




/** Name of the state entry that holds the record. */
const REGISTRIES_STATE = 'registries';
function serialiseRecord(record) {
    return JSON.stringify({ version: 1, ...record });
}
/**
 * The record in a state value; undefined for none, an Error for one post cannot read or that
 * holds a field main would never have written (a path outside RUNNER_TEMP, a host docker would
 * read as an option, a variable name that is not plain ASCII).
 */
function parseRecord(text, rules) {
    if (text === '')
        return undefined;
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        return new Error('the saved record of what main applied is not JSON');
    }
    if (typeof parsed !== 'object' ||
        parsed === null ||
        parsed.version !== 1 ||
        !Array.isArray(parsed.steps) ||
        typeof parsed.cleanup !== 'boolean') {
        return new Error('the saved record of what main applied has an unknown shape');
    }
    const record = parsed;
    const steps = record.steps.filter((step) => isStep(step, rules));
    if (steps.length !== record.steps.length) {
        return new Error('the saved record of what main applied holds a step main would not have written; nothing was undone');
    }
    return { cleanup: record.cleanup, steps };
}
const SHA256 = /^[0-9a-f]{64}$/;
/** A docker user name as the docker line accepts it. */
const record_USERNAME = /^[A-Za-z0-9][A-Za-z0-9_.@+-]{0,127}$/;
function isStep(value, rules) {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        return false;
    const step = value;
    const text = (name, valid) => {
        const field = step[name];
        return typeof field === 'string' && valid(field);
    };
    const matches = (pattern) => (field) => pattern.test(field);
    const paths = rules.platform === 'win32' ? external_node_path_namespaceObject.win32 : external_node_path_namespaceObject.posix;
    const line = step['line'];
    if (typeof line !== 'number' || !Number.isSafeInteger(line) || line < 1)
        return false;
    switch (step['kind']) {
        case 'file':
            return (text('path', (path) => rules.tempDir !== '' && isInside(rules.tempDir, path, rules.platform)) &&
                text('id', matches(/^\d+:\d+:\d+$/)) &&
                text('sha256', matches(SHA256)));
        case 'env':
            return (text('name', matches(VARIABLE_NAME)) &&
                text('sha256', matches(SHA256)) &&
                (step['restore'] === null || typeof step['restore'] === 'string'));
        case 'docker-login':
            return (text('host', (host) => hostProblem(host) === undefined) &&
                text('username', matches(record_USERNAME)) &&
                text('configDir', (dir) => paths.isAbsolute(dir) && !/[\0\r\n]/.test(dir)) &&
                text('keySha256', matches(SHA256)));
        default:
            return false;
    }
}

;// CONCATENATED MODULE: ./src/registries/apply.ts









/** The key put into a planned value. */
function resolveValue(value, key) {
    return value.map((part) => (part === KEY ? key : part)).join('');
}
/** Credential-like forms of the key a step creates (besides the key itself, already masked). */
function derivedSecrets(step, key) {
    switch (step.kind) {
        case 'docker-login':
            return [basicAuth(step.username, key)];
        case 'env': {
            const value = resolveValue(step.value, key);
            return step.secret && value !== key && value.includes(key) ? [value] : [];
        }
        case 'file':
            return [];
    }
}
/** What main saves before anything else: post then never reads a record this step did not write. */
function saveEmptyRecord(io) {
    io.saveState(REGISTRIES_STATE, serialiseRecord({ cleanup: false, steps: [] }));
}
function applyPlans(plans, options) {
    const { io, key } = options;
    for (const plan of plans) {
        for (const step of plan.steps)
            for (const secret of derivedSecrets(step, key))
                io.setSecret(secret);
    }
    const applied = [];
    const record = (step) => {
        applied.push(step);
        const saved = { cleanup: options.cleanup, steps: applied };
        io.saveState(REGISTRIES_STATE, serialiseRecord(saved));
    };
    for (const plan of plans) {
        io.info(log `${plan.title}`);
        for (const step of plan.steps)
            applyStep(plan, step, record, options);
        for (const note of plan.notes)
            io.info(log `  ${note}`);
    }
}
function applyStep(plan, step, record, options) {
    const { io, system, key } = options;
    const line = plan.request.line;
    switch (step.kind) {
        case 'file': {
            let identity;
            try {
                identity = system.writeFile(step.path, step.content);
            }
            catch (error) {
                throw applyFailure(plan, log `Could not write ${step.path}: ${errorMessage(error)}`, [
                    log `Likely cause: RUNNER_TEMP is not writable, or something else holds that path.`,
                    log `Fix: run the action on a runner whose RUNNER_TEMP belongs to the job.`
                ]);
            }
            record({ kind: 'file', line, path: step.path, ...identity });
            io.info(log `  Wrote ${step.path} (mode 0600).`);
            return;
        }
        case 'env': {
            const value = resolveValue(step.value, key);
            io.exportVariable(step.name, value);
            record({
                kind: 'env',
                line,
                name: step.name,
                sha256: fingerprint(value),
                restore: step.restore
            });
            io.info(log `  Exported ${step.name}.`);
            return;
        }
        case 'docker-login':
            dockerLogin(plan, step, key, record, options);
            return;
    }
}

;// CONCATENATED MODULE: ./src/registries/describe.ts
/**
 * What a user reads about the plans: the dry run's full account (files with paths, variables with
 * their values, the key shown as ***, commands with their arguments) and the job summary's table
 * (hosts, files and variable names; never a value).
 */


/** A planned value with the key shown as ***. */
function shown(value) {
    return value.value.map((part) => (part === KEY ? '***' : part)).join('');
}
function dryRunLines(plans) {
    if (plans.length === 0)
        return [];
    const lines = [log `Dry run: the registries input would apply these plans after the exchange:`];
    for (const plan of plans) {
        lines.push(log `  Line ${plan.request.line} (${plan.request.text}): ${plan.title}`);
        for (const step of plan.steps) {
            switch (step.kind) {
                case 'file':
                    lines.push(log `    write ${step.path} (mode 0600, ${step.content.split('\n').length} lines)`);
                    break;
                case 'env':
                    lines.push(log `    export ${step.name}=${shown(step)}`);
                    break;
                case 'docker-login':
                    lines.push(log `    run docker login ${step.host} --username ${step.username} --password-stdin (the key on standard input; DOCKER_CONFIG=${step.configDir})`);
                    break;
            }
        }
        for (const note of plan.notes)
            lines.push(log `    ${note}`);
    }
    lines.push(log `  The post step would undo each of them.`);
    return lines;
}
function registriesSummary(plans, formats) {
    if (plans.length === 0)
        return joinMarkdown([]);
    const list = (items) => items.length === 0 ? gfm `none` : joinInline(items.map((item) => gfm `${item}`));
    return joinMarkdown([
        gfm `#### Package managers (undone by the post step)`,
        gfm ``,
        gfm `| Line | Format | Hosts | Files | Variables |`,
        gfm `| --- | --- | --- | --- | --- |`,
        ...plans.map((plan) => {
            const hosts = formats.get(plan.request.format)?.hosts(plan.request) ?? [];
            const files = plan.steps.flatMap((step) => (step.kind === 'file' ? [step.path] : []));
            const names = plan.steps.flatMap((step) => (step.kind === 'env' ? [step.name] : []));
            return gfm `| ${String(plan.request.line)} | ${plan.request.format} | ${list(hosts)} | ${list(files)} | ${list(names)} |`;
        }),
        gfm ``
    ]);
}
function joinInline(parts) {
    return parts.slice(1).reduce((all, part) => gfm `${all}, ${part}`, parts[0] ?? gfm ``);
}

;// CONCATENATED MODULE: ./src/registries/plans.ts
/**
 * Every validated `registries` line turned into its format's plan, before any request: a plan's
 * own problems (a clash with the user's existing configuration, a file outside RUNNER_TEMP) stop
 * the step like a bad input. Touches nothing.
 */







function planRegistries(requests, context, formats) {
    const plans = [];
    const problems = [];
    const refusals = [];
    for (const planned of planEach(requests, context, formats)) {
        if ('problems' in planned) {
            problems.push(...planned.problems);
            refusals.push(...(planned.refusals ?? []));
            continue;
        }
        const { request } = planned;
        for (const step of planned.steps) {
            if (step.kind === 'env' && !VARIABLE_NAME.test(step.name)) {
                problems.push(`${lineName(request)}: the plan would export ${quote(step.name)}, which is not a plain ASCII variable name; this is a bug in the action.`);
            }
            if (step.kind === 'env' && step.secret && step.restore !== '') {
                // the state would keep the earlier value, which may hold someone's credential
                problems.push(`${lineName(request)}: the plan would keep the earlier value of ${step.name}, a secret, to restore it; this is a bug in the action.`);
            }
            if (step.kind !== 'file')
                continue;
            if (context.tempDir === '') {
                problems.push(`${lineName(request)}: RUNNER_TEMP is not set, and ${request.format} needs a file there; run the action on a GitHub Actions runner.`);
            }
            else if (!isInside(context.tempDir, step.path, context.platform)) {
                problems.push(`${lineName(request)}: the plan would write ${step.path}, outside RUNNER_TEMP (${context.tempDir}); this is a bug in the action.`);
            }
        }
        plans.push(planned);
    }
    problems.push(...sharedVariables(plans));
    if (refusals.length > 0)
        throw new RegistriesRefusedError(problems, refusals);
    if (problems.length > 0)
        throw new InputError(problems);
    return plans.sort((a, b) => a.request.line - b.request.line);
}
/**
 * Each line's plan (or problems), in line order. A format with planAll plans all of its lines at
 * once (npm writes one user config for every npm line), where its first line stands.
 */
function planEach(requests, context, formats) {
    const results = [];
    const grouped = new Set();
    for (const request of requests) {
        const format = formats.get(request.format);
        if (format === undefined)
            throw new Error(`no format module for ${request.format}`);
        if (format.planAll === undefined) {
            results.push(refusingUnreadable(request, () => format.plan(request, context)));
        }
        else if (!grouped.has(request.format)) {
            grouped.add(request.format);
            const all = requests.filter((other) => other.format === request.format);
            const planned = refusingUnreadable(request, () => format.planAll?.(all, context) ?? []);
            results.push(...('problems' in planned ? [planned] : planned));
        }
    }
    return results;
}
/** A plan, or the line's problem when planning met a file the step will not read. */
function refusingUnreadable(request, planIt) {
    try {
        return planIt();
    }
    catch (error) {
        if (!(error instanceof UnreadableFileError))
            throw error;
        return {
            problems: [
                `${lineName(request)}: ${error.message}; the step reads only regular files. Fix: point the setting that names it at a regular file, or remove what is there.`
            ]
        };
    }
}
/**
 * Two lines that would export the same variable (`cargo a-b` and `cargo a_b` both name
 * CARGO_REGISTRIES_A_B_*): the second would overwrite the first, and post could undo only one.
 */
function sharedVariables(plans) {
    const exportedBy = new Map();
    const problems = [];
    for (const plan of plans) {
        const names = new Set(plan.steps.flatMap((step) => (step.kind === 'env' ? [step.name] : [])));
        for (const name of names) {
            const earlier = exportedBy.get(asciiUpperCase(name));
            if (earlier === undefined) {
                exportedBy.set(asciiUpperCase(name), plan);
            }
            else {
                problems.push(`${lineName(plan.request)}: it would export ${name}, which line ${earlier.request.line} exports too; give each line its own (for cargo, another name=).`);
            }
        }
    }
    return problems;
}

;// CONCATENATED MODULE: ./src/summary.ts


/** A two-column table: our own labels, values shown as code spans. */
function table(rows) {
    return [
        gfm `| | |`,
        gfm `| --- | --- |`,
        ...rows.map(([label, value]) => gfm `| ${label} | ${value} |`)
    ];
}
function successSummary(facts) {
    return joinMarkdown([
        gfm `### Cloudsmith OIDC: signed in`,
        gfm ``,
        ...table([
            [gfm `Organization`, facts.org],
            [gfm `Service account`, facts.serviceSlug],
            [gfm `ID token audience`, facts.audience],
            [gfm `Key expires`, `${facts.expiresAt.toISOString()} (in ${facts.minutesLeft} minutes)`],
            [gfm `CLOUDSMITH_API_KEY`, facts.exported ? 'exported' : 'not exported (export-env: false)'],
            [
                gfm `Identity`,
                facts.identity
                    ? gfm `verified: ${facts.identity.name} (${facts.identity.slug})`
                    : 'not verified (verify: false)'
            ]
        ]),
        gfm ``
    ]);
}
function dryRunSummary(org, serviceSlug, claims, suggestion) {
    return joinMarkdown([
        gfm `### Cloudsmith OIDC: dry run (nothing exchanged)`,
        gfm ``,
        gfm `#### ID token claims`,
        gfm ``,
        ...table(SHOWN_CLAIMS.map((name) => [gfm `${name}`, claimText(claims, name)])),
        gfm ``,
        gfm `#### Provider settings in Cloudsmith (${org} > Settings > OpenID Connect)`,
        gfm ``,
        ...table([
            [gfm `Provider URL`, suggestion.providerUrl],
            [gfm `Service account to link`, serviceSlug],
            [gfm `aud (only if you make it a required claim)`, suggestion.audience]
        ]),
        gfm ``,
        gfm `#### Required claims: one is enough`,
        gfm ``,
        gfm `Each admits the jobs named beside it, from broadest to narrowest; a second claim only narrows further (a job must match all of them).`,
        gfm ``,
        gfm `| claim | admits |`,
        gfm `| --- | --- |`,
        ...suggestion.claims.map((claim) => claim === suggestion.recommended
            ? gfm `| ${`${claim.name} = ${claim.value}`} (recommended) | ${claim.admits} |`
            : gfm `| ${`${claim.name} = ${claim.value}`} | ${claim.admits} |`),
        gfm ``,
        ...(suggestion.recommended
            ? [
                gfm `Recommended: ${suggestion.recommended.name}, because it admits this repository's jobs on every branch and in every environment, and no other repository's; an ID survives a rename.`,
                gfm ``
            ]
            : []),
        codeBlock(joinLines([
            log `Provider URL: ${suggestion.providerUrl} (${providerUrlNote(suggestion.providerUrl)})`,
            subjectFormNote(claims)
        ])),
        gfm ``
    ]);
}
/**
 * A failure in short (what failed, the cause, the fix) with a link to the step's log, which holds
 * the whole diagnosis; the whole message when it has no short form or there is no link.
 */
function failureSummary(failure, logUrl) {
    const link = logUrl === undefined ? undefined : markdownLink(gfm `the job's log`, logUrl);
    const short = link !== undefined && failure.brief !== undefined;
    return joinMarkdown([
        gfm `### Cloudsmith OIDC: ${failure.title}`,
        gfm ``,
        codeBlock(short ? (failure.brief ?? failure.message) : failure.message),
        gfm ``,
        ...(short && link
            ? [
                gfm `The whole diagnosis, with every check and the ID token's claims, is in ${link} (this step's annotation and output).`,
                gfm ``
            ]
            : [])
    ]);
}
/**
 * The run's page, where the job's log is, from the runner's GITHUB_* variables; undefined when one
 * is missing or not of the expected shape.
 */
function runLogUrl(env) {
    const server = env['GITHUB_SERVER_URL'] ?? '';
    const repository = env['GITHUB_REPOSITORY'] ?? '';
    const runId = env['GITHUB_RUN_ID'] ?? '';
    if (!/^https?:\/\/[A-Za-z0-9.-]+(?::\d+)?$/.test(server))
        return undefined;
    if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository))
        return undefined;
    if (!/^\d+$/.test(runId))
        return undefined;
    return `${server}/${repository}/actions/runs/${runId}`;
}

;// CONCATENATED MODULE: ./src/main.ts



















/** A key that lives less than this gets a warning. */
const SHORT_LIFETIME_MINUTES = 30;
async function main(deps) {
    const { io } = deps;
    const startedAtMs = deps.clock.now();
    // every credential the action holds, cut from whatever it quotes; the ID token and the key join
    const secrets = [deps.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? '', ...proxyCredentials(deps.env)];
    const context = { env: deps.env, secrets };
    let writeSummary = true;
    saveEmptyRecord(io);
    try {
        const inputs = parseInputs((name) => io.getInput(name), deps.system);
        context.inputs = inputs;
        writeSummary = inputs.jobSummary;
        const deadline = { atMs: startedAtMs + inputs.totalTimeoutMs, budgetMs: inputs.totalTimeoutMs };
        const programDeadline = stepDeadline(deadline.atMs, inputs.timeoutMs, deps.clock.now);
        const plans = registryPlans(inputs, deps.system, programDeadline);
        requireOidc(deps.env, deps.readEvent);
        requireCertificateChecks(deps.env);
        requireQuietRequests(deps.env);
        requireUsableProxies(deps.env);
        const calls = remoteCalls(inputs, deps, context, { deadline, secrets });
        const idToken = await calls.idToken();
        if (inputs.dryRun)
            return await dryRun(inputs, idToken, io, plans);
        const key = await calls.exchange();
        publish(key, inputs, io);
        if (plans.length > 0 && deps.system) {
            applyPlans(plans, {
                io,
                system: deps.system,
                key: key.token,
                cleanup: inputs.cleanup,
                deadline: programDeadline
            });
        }
        const minutesLeft = reportExpiry(key, inputs, io, deps.clock.now());
        const identity = inputs.verify ? await calls.verify(key) : undefined;
        if (writeSummary) {
            const summary = successSummary({
                ...inputs,
                audience: claimText(idToken.claims, 'aud'),
                expiresAt: key.expiresAt,
                minutesLeft,
                exported: inputs.exportEnv,
                ...(identity ? { identity } : {})
            });
            await io.appendSummary(plans.length > 0 ? joinMarkdown([summary, registriesSummary(plans, FORMATS)]) : summary);
        }
    }
    catch (error) {
        const failure = explain(error, context);
        io.fail(failure.message, failure.title);
        if (writeSummary)
            await io.appendSummary(failureSummary(failure, runLogUrl(deps.env)));
    }
}
/** The plan of every `registries` line, checked before any request; none without the input. */
function registryPlans(inputs, system, deadline) {
    if (inputs.registries.length === 0)
        return [];
    if (system === undefined)
        throw new Error('the registries input needs deps.system');
    return planRegistries(inputs.registries, system.planContext(inputs.exportEnv, deadline), FORMATS);
}
/**
 * The three remote calls, each under the retry policy and the step's one deadline, each telling
 * its part of the story. Every ID token and key they get joins `secrets`.
 */
function remoteCalls(inputs, deps, context, shared) {
    const { io, clock, http } = deps;
    const { deadline, secrets } = shared;
    /** A request's time limit: timeout-seconds, or what is left of the step's budget. */
    const timeoutMs = () => requestTimeoutMs(inputs.timeoutMs, deadline.atMs, clock.now());
    const retried = (operation, call) => retry((attempt) => {
        io.debug(log `${operation}: attempt ${attempt} of ${inputs.maxAttempts}`);
        return call(attempt);
    }, {
        operation,
        policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: inputs.maxAttempts },
        clock,
        random: deps.random,
        deadline,
        onRetry: ({ attempt, error, delayMs }) => io.info(log `${operation}: attempt ${attempt} of ${inputs.maxAttempts} failed (${error.message}); retrying in ${formatSeconds(delayMs)}.`)
    });
    const idTokens = idTokenKeeper(async () => {
        const idToken = await retried(ID_TOKEN_OPERATION, () => fetchIdToken(deps.getIdToken, inputs.audience, timeoutMs(), secrets));
        secrets.push(idToken.value);
        context.claims = idToken.claims;
        io.debug(log `New ID token, exp ${claimText(idToken.claims, 'exp')}`);
        return idToken;
    }, clock.now);
    return {
        async idToken() {
            io.info(log `Requesting a GitHub ID token for audience ${inputs.audience ?? "GitHub's default (https://github.com/<repository owner>)"}.`);
            const idToken = await idTokens.current();
            io.info(log `Got an ID token for ${claimText(idToken.claims, 'sub')} (aud ${claimText(idToken.claims, 'aud')}).`);
            return idToken;
        },
        exchange() {
            io.info(log `Exchanging it at ${exchangeUrl(inputs.apiUrl, inputs.org)} for service account '${inputs.serviceSlug}'.`);
            return retried(EXCHANGE_OPERATION, async () => {
                const idToken = await idTokens.current(); // a fresh one when the held one is near expiry
                const request = {
                    apiUrl: inputs.apiUrl,
                    org: inputs.org,
                    serviceSlug: inputs.serviceSlug,
                    idToken: idToken.value,
                    timeoutMs: timeoutMs(),
                    secrets
                };
                return exchange(request, http, clock.now, (secret) => {
                    io.setSecret(secret);
                    secrets.push(secret);
                });
            });
        },
        async verify(key) {
            const identity = await retried(VERIFY_OPERATION, () => verifyKey(inputs.apiUrl, key.token, timeoutMs(), http, clock.now, secrets));
            io.info(log `Authenticated to Cloudsmith as ${identity.name} (${identity.slug}).`);
            return identity;
        }
    };
}
/** Logs the expiry, warns when it is near; returns the minutes left. */
function reportExpiry(key, inputs, io, nowMs) {
    const minutesLeft = Math.floor((key.expiresAt.getTime() - nowMs) / 60_000);
    const until = key.expiresAt.toISOString();
    io.info(log `Cloudsmith API key for '${inputs.serviceSlug}' in '${inputs.org}' is valid until ${until} (${minutesLeft} minutes).`);
    if (minutesLeft < SHORT_LIFETIME_MINUTES) {
        io.warning(log `The Cloudsmith key expires in ${minutesLeft} minutes (${until}); later steps will be refused after that. Run the action again right before long-running steps.`, log `Cloudsmith key expires soon`);
    }
    return minutesLeft;
}
async function dryRun(inputs, idToken, io, plans) {
    const suggestion = suggestProvider(idToken.claims);
    for (const line of providerAdvice(inputs.org, inputs.serviceSlug, idToken.claims, suggestion)) {
        io.info(line);
    }
    for (const line of dryRunLines(plans))
        io.info(line);
    if (inputs.jobSummary) {
        await io.appendSummary(dryRunSummary(inputs.org, inputs.serviceSlug, idToken.claims, suggestion));
    }
}

;// CONCATENATED MODULE: ./src/registries/docker-logout.ts






/** docker's view of the host now, read as docker reads its config and stores. */
function viewOf(action, { system, deadline }) {
    const configFile = dockerConfigFile(action.configDir, system.platform);
    const read = readDockerConfig(system.readFile(configFile));
    if (!read.ok)
        return { kind: 'unknown', why: `docker cannot read ${configFile}: ${read.why}` };
    const store = defaultStore(system.platform, (name) => system.findProgram(name) !== undefined);
    return dockerHolder(read.config, action, store, (helper, address) => readCredentialHelper(system, helper, address, action.configDir, deadline));
}
function dockerLogout(action, options) {
    const { io, system, deadline } = options;
    const notLoggedOut = log `docker not logged out`;
    const holder = viewOf(action, options);
    switch (holder.kind) {
        case 'none':
            io.info(log `docker holds no credential for ${action.host}; nothing to log out.`);
            return;
        case 'other':
            io.info(log `docker's credential for ${action.host} is no longer this step's (a later login replaced it); left as it is.`);
            return;
        case 'unknown':
            io.warning(log `${holder.why}, so the post step cannot tell whether the credential for ${action.host} is still this step's; left logged in (it expires with the key).`, notLoggedOut);
            return;
        case 'shared':
            io.warning(log `docker still holds this step's credential for ${action.host}, but ${holder.store} also holds a login for "${holder.address}" (made after this step's), which docker logout ${action.host} would erase too; left logged in (it expires with the key).`, notLoggedOut);
            return;
        case 'ours':
            break;
    }
    const docker = system.findProgram('docker');
    if (docker === undefined) {
        io.warning(log `docker is not on PATH any more, so the post step could not log out of ${action.host}; the credential stays with docker (${action.configDir}) until the key expires.`, notLoggedOut);
        return;
    }
    const result = system.run(docker, ['logout', action.host], {
        env: { DOCKER_CONFIG: action.configDir },
        deadline
    });
    if (result.status !== 0) {
        io.warning(log `docker logout ${action.host} failed (${result.error ?? `exit code ${result.status}`})${saidOnStderr(result.stderr)}.`, notLoggedOut);
        return;
    }
    // docker logout succeeds even when a credential store failed to erase the credential
    if (viewOf(action, options).kind === 'ours') {
        io.warning(log `docker logout ${action.host} ended without error, but docker still holds this step's credential (its credential store did not erase it); it expires with the key.`, notLoggedOut);
        return;
    }
    io.info(log `Logged docker out of ${action.host}.`);
}

;// CONCATENATED MODULE: ./src/registries/undo.ts
/**
 * The post step's plan: what main applied, undone in reverse, and only what is still this step's.
 * A variable is put back only while it holds the value main exported (compared by SHA-256); a later
 * step that set it again keeps its value. Whether docker's stored credential is still this step's
 * is read at undo time (it lives in docker's config or credential store).
 */

function planUndo(record, env) {
    return [...record.steps].reverse().map((step) => {
        switch (step.kind) {
            case 'file':
                return { ...step, kind: 'remove-file' };
            case 'env': {
                const current = env[step.name];
                if (current === undefined || fingerprint(current) !== step.sha256) {
                    return { kind: 'keep-env', line: step.line, name: step.name };
                }
                return step.restore === null
                    ? { kind: 'leave-env', line: step.line, name: step.name }
                    : { kind: 'restore-env', line: step.line, name: step.name, value: step.restore };
            }
            case 'docker-login':
                return { ...step, kind: 'docker-logout' };
        }
    });
}

;// CONCATENATED MODULE: ./src/registries/cleanup.ts




/** Undoes a record in reverse; every problem is a warning. */
function undoRecord(record, options) {
    const { io } = options;
    for (const action of planUndo(record, options.system.env)) {
        try {
            undoAction(action, options);
        }
        catch (error) {
            io.warning(log `Could not undo line ${action.line} of registries: ${errorMessage(error)}`, log `Cleanup incomplete`);
        }
    }
}
const FILE_OUTCOMES = {
    removed: 'Removed',
    gone: 'was already gone',
    replaced: 'is no longer the file this step wrote (something else was put at the name); left as it is',
    changed: 'was changed after this step wrote it; left as it is'
};
function undoAction(action, options) {
    const { io } = options;
    switch (action.kind) {
        case 'remove-file': {
            const outcome = options.system.removeFile(action.path, action);
            io.info(outcome === 'removed'
                ? log `Removed ${action.path}.`
                : log `${action.path} ${FILE_OUTCOMES[outcome]}.`);
            return;
        }
        case 'restore-env':
            io.exportVariable(action.name, action.value);
            io.info(action.value === ''
                ? log `Cleared ${action.name} for the rest of the job.`
                : log `Put ${action.name} back to its value before the action.`);
            return;
        case 'keep-env':
            io.info(log `${action.name} no longer holds this step's value (a later step set it); left as it is.`);
            return;
        case 'leave-env':
            io.info(log `Left ${action.name} as it is: it holds nothing secret and had no value before the action (a variable cannot be unset, and tools refuse it empty).`);
            return;
        case 'docker-logout':
            dockerLogout(action, options);
            return;
    }
}

;// CONCATENATED MODULE: ./src/post.ts







function post(io, env, nowMs, system, now = () => Date.now()) {
    undoRegistries(io, system, postDeadline(io, now));
    try {
        if (io.getState(STATE.expiresAt) === '') {
            io.info(log `Nothing to clean up: the main step did not produce a key.`);
            return;
        }
        if (io.getState(STATE.exported) !== 'true') {
            io.info(log `Nothing to clean up: ${outputs_API_KEY_VARIABLE} was not exported.`);
            return;
        }
        const current = env[outputs_API_KEY_VARIABLE];
        if (!current || fingerprint(current) !== io.getState(STATE.fingerprint)) {
            io.info(log `Nothing to clean up: ${outputs_API_KEY_VARIABLE} no longer holds this step's key (a later step replaced or cleared it).`);
            return;
        }
        const expiresAt = io.getState(STATE.expiresAt);
        const expiredMs = nowMs - Date.parse(expiresAt);
        if (expiredMs > 0) {
            io.warning(log `The Cloudsmith key in ${outputs_API_KEY_VARIABLE} expired at ${expiresAt}, ${Math.ceil(expiredMs / 60_000)} minute(s) before this job ended; a step that used it after then was refused. Run the action again right before long-running steps.`, log `Cloudsmith key expired during the job`);
        }
        if (io.getState(STATE.cleanup) !== 'true') {
            io.info(log `cleanup is false: ${outputs_API_KEY_VARIABLE} is left as it is.`);
            return;
        }
        io.exportVariable(outputs_API_KEY_VARIABLE, '');
        io.info(log `Cleared ${outputs_API_KEY_VARIABLE} for the rest of the job.`);
        const apiHost = io.getState(STATE.apiHost);
        if (apiHost !== '' && env[API_HOST_VARIABLE] === apiHost) {
            io.exportVariable(API_HOST_VARIABLE, '');
            io.info(log `Cleared ${API_HOST_VARIABLE} for the rest of the job.`);
        }
    }
    catch (error) {
        io.warning(log `Cleanup failed: ${errorMessage(error)}`, log `Cleanup failed`);
    }
}
/**
 * Post's own budget, from the same inputs as main's (the runner gives post the step's inputs):
 * every program it runs gets at most timeout-seconds, and all of them together at most
 * total-timeout-seconds. A value main would refuse counts as its default.
 */
function postDeadline(io, now) {
    const seconds = (name, fallback, max) => {
        const value = io.getInput(name).trim();
        const n = /^\d+$/.test(value) ? Number(value) : NaN;
        return n >= 1 && n <= max ? n : fallback;
    };
    const eachMs = seconds('timeout-seconds', DEFAULT_TIMEOUT_SECONDS, 300) * 1000;
    const totalMs = seconds('total-timeout-seconds', DEFAULT_TOTAL_TIMEOUT_SECONDS, 3600) * 1000;
    return stepDeadline(now() + totalMs, eachMs, now);
}
/**
 * Undoes what main applied for the `registries` input (files, variables, docker logins), in
 * reverse, whatever export-env said; `cleanup: false` leaves it all. Nothing when main applied
 * nothing.
 */
function undoRegistries(io, system, deadline) {
    try {
        const rules = {
            tempDir: system?.env['RUNNER_TEMP'] ?? '',
            platform: system?.platform ?? 'linux'
        };
        const record = parseRecord(io.getState(REGISTRIES_STATE), rules);
        if (record === undefined)
            return;
        if (record instanceof Error)
            throw record;
        if (record.steps.length === 0)
            return;
        if (!record.cleanup) {
            io.info(log `cleanup is false: the package manager configuration of the registries input is left as it is.`);
            return;
        }
        if (system === undefined)
            throw new Error('the post step was given no system to undo with');
        undoRecord(record, { io, system, deadline });
    }
    catch (error) {
        io.warning(log `Could not undo the registries configuration: ${errorMessage(error)}`, log `Cleanup incomplete`);
    }
}

;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = require("node:os");
;// CONCATENATED MODULE: ./src/registries/program-path.ts
/**
 * Where a shell would look for a program, in order: each absolute PATH directory, and on Windows each
 * PATHEXT extension Node can start without a shell, .com and .exe (`docker` is `docker.exe`
 * there; a `docker.cmd` or `docker.bat` earlier on PATH is passed over). Pure: the caller checks
 * which exists.
 */

function programCandidates(name, platform, env) {
    const windows = platform === 'win32';
    const paths = windows ? external_node_path_namespaceObject.win32 : external_node_path_namespaceObject.posix;
    // Windows keeps the name's case as it was set (`Path`); Node's process.env ignores case there,
    // a copied object does not
    const pathValue = windows ? lookup(env, 'PATH') : env['PATH'];
    const dirs = (pathValue ?? '')
        .split(windows ? ';' : ':')
        .map((dir) => (windows ? dir.trim().replace(/^"(.*)"$/, '$1') : dir))
        // a relative folder (or an empty one, the working directory) is the workspace: never looked in
        .filter((dir) => (windows ? /^(?:[A-Za-z]:[\\/]|\\\\)/.test(dir) : paths.isAbsolute(dir)));
    if (!windows)
        return dirs.map((dir) => paths.join(dir, name));
    // only what Node starts without a shell: a .cmd or .bat needs cmd.exe (spawn refuses it, EINVAL)
    const lower = name.toLowerCase();
    if (RUNNABLE.some((ext) => lower.endsWith(ext)))
        return dirs.map((dir) => paths.join(dir, name));
    if (lower.endsWith('.cmd') || lower.endsWith('.bat'))
        return [];
    const listed = (lookup(env, 'PATHEXT') || RUNNABLE.join(';'))
        .split(';')
        .map((ext) => ext.trim().toLowerCase())
        .filter((ext) => RUNNABLE.includes(ext));
    const extensions = listed.length > 0 ? listed : [...RUNNABLE];
    const names = extensions.map((ext) => name + ext);
    return dirs.flatMap((dir) => names.map((file) => paths.join(dir, file)));
}
const RUNNABLE = ['.com', '.exe'];
function lookup(env, name) {
    if (env[name] !== undefined)
        return env[name];
    const found = Object.keys(env).find((key) => key.toUpperCase() === name);
    return found === undefined ? undefined : env[found];
}

;// CONCATENATED MODULE: ./src/run-program.ts


function groupKill(platform, pid, env) {
    if (platform !== 'win32')
        return { kind: 'signal', pid: -pid, signal: 'SIGKILL' };
    const root = env['SystemRoot'] || env['SYSTEMROOT'] || 'C:\\Windows';
    return {
        kind: 'program',
        program: external_node_path_namespaceObject.win32.join(root, 'System32', 'taskkill.exe'),
        args: ['/T', '/F', '/PID', String(pid)]
    };
}
function runProgram(program, args, options, machine) {
    const limitMs = Math.floor(options.deadline.limitMs());
    if (limitMs <= 0) {
        return {
            status: null,
            stdout: '',
            stderr: '',
            error: `not started: the step's time budget (total-timeout-seconds) ran out`
        };
    }
    const windows = machine.platform === 'win32';
    const result = machine.spawn(program, [...args], {
        env: { ...machine.env, ...options.env },
        input: options.input ?? '',
        encoding: 'utf8',
        timeout: limitMs,
        killSignal: 'SIGKILL',
        windowsHide: true,
        shell: false,
        // a group of its own, to be killed as one (on Windows it would get a console of its own)
        detached: !windows,
        maxBuffer: 1024 * 1024
    });
    const timedOut = result.error?.code === 'ETIMEDOUT';
    if (typeof result.pid === 'number' && result.pid > 0 && (timedOut || !windows)) {
        stopGroup(groupKill(machine.platform, result.pid, machine.env), machine);
    }
    const why = timedOut
        ? `did not finish within ${formatSeconds(limitMs)}${limitMs < options.deadline.eachMs ? `, what was left of the step's time budget (total-timeout-seconds)` : ' (timeout-seconds)'}, and was stopped with every process it started`
        : result.error?.message;
    return {
        status: result.status,
        stdout: String(result.stdout ?? ''),
        stderr: String(result.stderr ?? ''),
        error: why
    };
}
/** Kills what is left of the group; nothing left is fine. */
function stopGroup(kill, machine) {
    try {
        if (kill.kind === 'signal')
            machine.kill(kill.pid, kill.signal);
        else {
            machine.spawn(kill.program, [...kill.args], {
                encoding: 'utf8',
                windowsHide: true,
                timeout: 10_000
            });
        }
    }
    catch {
        // ESRCH: the program and everything it started have ended already
    }
}

;// CONCATENATED MODULE: ./src/system.ts









/** A deadline for programs when the caller gives none: 30 s each, no overall budget. */
const NO_DEADLINE = { eachMs: 30_000, limitMs: () => 30_000 };
function createSystem(options = {}) {
    const env = options.env ?? process.env;
    const platform = options.platform ?? process.platform;
    // loaded on first use: node:child_process alone costs the main step about a tenth of its start-up
    // time, and a job without `registries` never runs a program
    const spawn = (...args) => (options.spawn ?? process.getBuiltinModule('node:child_process').spawnSync)(...args);
    const paths = platform === 'win32' ? external_node_path_namespaceObject.win32 : external_node_path_namespaceObject.posix;
    const tempDir = () => env['RUNNER_TEMP'] ?? '';
    /** The real path of `path`'s folder must lie inside RUNNER_TEMP's real path. */
    const requireInsideTemp = (path) => {
        const temp = tempDir();
        if (temp === '' || !isInside(temp, path, platform)) {
            throw new Error(`refusing to touch ${path}: files are written only under RUNNER_TEMP`);
        }
        const realTemp = (0,external_node_fs_namespaceObject.realpathSync)(temp);
        const realParent = (0,external_node_fs_namespaceObject.realpathSync)(paths.dirname(path));
        if (!isInside(realTemp, paths.join(realParent, 'x'), platform)) {
            throw new Error(`refusing to touch ${path}: its folder leads outside RUNNER_TEMP`);
        }
    };
    const system = {
        platform,
        env,
        findProgram(name) {
            return programCandidates(name, platform, env).find(isProgram);
        },
        planContext(exportEnv, deadline = NO_DEADLINE) {
            const homeDir = (platform === 'win32' ? env['USERPROFILE'] : env['HOME']) || (0,external_node_os_namespaceObject.homedir)() || '';
            return {
                platform,
                tempDir: tempDir(),
                homeDir,
                env: { ...env },
                exportEnv,
                readFile: readConfigFile,
                readCredentialHelper: (helper, host, configDir) => readCredentialHelper(system, helper, host, configDir, deadline),
                findProgram: (name) => system.findProgram(name),
                inspectPath: (path) => inspectPath(path, paths)
            };
        },
        readFile: readConfigFile,
        readRegularFile: readRegularFile,
        writeFile(path, content) {
            if (tempDir() !== '' && isInside(tempDir(), path, platform)) {
                (0,external_node_fs_namespaceObject.mkdirSync)(paths.dirname(path), { recursive: true, mode: 0o700 });
            }
            requireInsideTemp(path);
            // created here and now, or not at all: never through a symbolic or hard link, nor into a
            // file someone put at the name between planning and writing
            const noFollow = platform === 'win32' ? 0 : external_node_fs_namespaceObject.constants.O_NOFOLLOW;
            let fd;
            try {
                fd = (0,external_node_fs_namespaceObject.openSync)(path, external_node_fs_namespaceObject.constants.O_WRONLY | external_node_fs_namespaceObject.constants.O_CREAT | external_node_fs_namespaceObject.constants.O_EXCL | noFollow, 0o600);
            }
            catch (error) {
                if (error.code !== 'EEXIST')
                    throw error;
                throw new Error(`refusing to write ${path}: something is already there (a file or a link put there by another step or process), and the action writes only files it creates`, { cause: error });
            }
            try {
                (0,external_node_fs_namespaceObject.fchmodSync)(fd, 0o600); // exactly 0600, whatever the umask
                (0,external_node_fs_namespaceObject.writeSync)(fd, content);
                return { id: inodeId((0,external_node_fs_namespaceObject.fstatSync)(fd, { bigint: true })), sha256: fingerprint(content) };
            }
            finally {
                (0,external_node_fs_namespaceObject.closeSync)(fd);
            }
        },
        removeFile(path, identity) {
            requireInsideTemp(path);
            let stat;
            try {
                stat = (0,external_node_fs_namespaceObject.lstatSync)(path, { bigint: true });
            }
            catch (error) {
                if (error.code === 'ENOENT')
                    return 'gone';
                throw error;
            }
            if (!stat.isFile() || inodeId(stat) !== identity.id)
                return 'replaced';
            const read = readRegularFile(path, CONFIG_FILE_LIMIT);
            if (read.kind !== 'text' || fingerprint(read.text) !== identity.sha256)
                return 'changed';
            (0,external_node_fs_namespaceObject.unlinkSync)(path);
            return 'removed';
        },
        run(program, args, runOptions) {
            const kill = options.kill ?? ((pid, signal) => process.kill(pid, signal));
            return runProgram(program, args, runOptions, {
                platform,
                env,
                spawn: spawn,
                kill
            });
        }
    };
    return system;
}
function readConfigFile(path) {
    return textOrUndefined(readRegularFile(path, CONFIG_FILE_LIMIT));
}
/** `dev:ino:birth`: the birth time (0 where the file system keeps none) tells a reused inode apart. */
/**
 * A path's real path and what is there, following symbolic links: a part that does not exist yet
 * is kept as written below the real path of what does; a dangling link, a loop or a folder that
 * cannot be read leave the real path unknown. Never opens the path.
 */
function inspectPath(path, paths) {
    try {
        const mode = (0,external_node_fs_namespaceObject.statSync)(path).mode & 0o7777;
        return { exists: true, realPath: external_node_fs_namespaceObject.realpathSync.native(path), mode };
    }
    catch (error) {
        const code = error.code;
        if (code !== 'ENOENT')
            return { exists: true, realPath: undefined };
    }
    try {
        (0,external_node_fs_namespaceObject.lstatSync)(path);
        return { exists: false, realPath: undefined }; // a link to nowhere
    }
    catch {
        const parent = paths.dirname(path);
        if (parent === path)
            return { exists: false, realPath: undefined };
        const above = inspectPath(parent, paths).realPath;
        return {
            exists: false,
            realPath: above === undefined ? undefined : paths.join(above, paths.basename(path))
        };
    }
}
function inodeId(stat) {
    return `${stat.dev}:${stat.ino}:${stat.birthtimeNs}`;
}
function isProgram(path) {
    try {
        const stat = (0,external_node_fs_namespaceObject.statSync)(path);
        // on Windows the extension makes a program; elsewhere an execute bit
        return stat.isFile() && (process.platform === 'win32' || (stat.mode & 0o111) !== 0);
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/version.ts
/**
 * Name and version sent as the User-Agent. The version lives in package.json alone: the bundle
 * step (scripts/bundle.mjs) writes it over this placeholder, which only unbundled code (the unit
 * tests) ever sends.
 */
const ACTION_NAME = 'cloudsmith-oidc-action';
const ACTION_VERSION = "1.0.0";
const USER_AGENT = `${ACTION_NAME}/${ACTION_VERSION}`;

;// CONCATENATED MODULE: ./src/index.ts
/**
 * Entry points: the only code that touches process.env, the file system and @actions/core.
 * dist/main.js and dist/post.js each call one of these.
 */











const io = {
    getInput: (name) => getInput(name),
    getState: (name) => getState(name),
    setSecret: (value) => setSecret(value),
    setOutput: (name, value) => setOutput(name, value),
    exportVariable: (name, value) => exportVariable(name, value),
    saveState: (name, value) => saveState(name, value),
    info: (message) => info(message.text),
    debug: (message) => debug(message.text),
    warning: (message, title) => warning(message.text, title ? { title: title.text } : {}),
    // core.setFailed with a title: setFailed itself would add a second, untitled annotation
    fail: (message, title) => {
        error(message.text, { title: title.text });
        process.exitCode = ExitCode.Failure;
    },
    appendSummary: async (markdown) => {
        if (!process.env.GITHUB_STEP_SUMMARY)
            return;
        try {
            await summary.addRaw(markdown.markdown, true).write();
        }
        catch (error) {
            warning(log `Could not write the job summary: ${errorMessage(error)}`.text, {
                title: 'Job summary not written'
            });
        }
    }
};
async function runMain() {
    for (const fix of schemelessProxyFixes(process.env)) {
        process.env[fix.name] = fix.value;
        io.info(fix.note);
    }
    await main({
        io,
        env: process.env,
        readEvent: () => {
            const path = process.env.GITHUB_EVENT_PATH;
            return path ? JSON.parse(readEventText(path)) : undefined;
        },
        getIdToken: (audience) => getIDToken(audience),
        http: createHttp(USER_AGENT),
        clock: realClock,
        random: Math.random,
        system: createSystem()
    });
    // An ID token request abandoned at its deadline (core.getIDToken cannot be cancelled) may still
    // hold a socket open. Exit when everything else is done, without waiting for that socket; an
    // unref'd timer never delays a process that has nothing left to do.
    setTimeout(() => process.exit(), 1000).unref();
}
/** The event payload's text: a regular file of at most EVENT_LIMIT bytes, read without blocking. */
function readEventText(path) {
    const read = readRegularFile(path, EVENT_LIMIT);
    if (read.kind === 'text')
        return read.text;
    throw new Error(read.kind === 'missing' ? `${path} does not exist` : read.why);
}
/** Far above any event payload GitHub writes (a push of many commits is a few MB). */
const EVENT_LIMIT = 64 * 1024 * 1024;
function runPost() {
    post(io, process.env, Date.now(), createSystem());
}

})();

module.exports = __webpack_exports__;
/******/ })()
;
//# sourceMappingURL=index.js.map