"use strict";
exports.id = 661;
exports.ids = [661];
exports.modules = {

/***/ 661:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   post: () => (/* binding */ post)
/* harmony export */ });
/* harmony import */ var _error_message_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(587);
/* harmony import */ var _outputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(729);
/* harmony import */ var _print_gate_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(286);
/* harmony import */ var _registries_apply_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(956);
/* harmony import */ var _registries_record_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(42);
/* harmony import */ var _refresh_step_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(331);






const POST_PROGRAM_TIMEOUT_MS = 30_000;
async function post(io, env, nowMs, system, refreshMachine) {
    undoRegistries(io, system);
    clearKey(io, env, nowMs);
    await (0,_refresh_step_js__WEBPACK_IMPORTED_MODULE_3__/* .undoRefresh */ .Ac)(io, env.RUNNER_TEMP ?? '', system?.platform ?? 'linux', refreshMachine);
}
function clearKey(io, env, nowMs) {
    try {
        if (io.getState(_outputs_js__WEBPACK_IMPORTED_MODULE_0__/* .STATE */ .c4.expiresAt) === '') {
            io.info((0,_print_gate_js__WEBPACK_IMPORTED_MODULE_1__/* .log */ .Rm) `Nothing to clean up: the main step did not produce a key.`);
            return;
        }
        if (io.getState(_outputs_js__WEBPACK_IMPORTED_MODULE_0__/* .STATE */ .c4.exported) !== 'true') {
            io.info((0,_print_gate_js__WEBPACK_IMPORTED_MODULE_1__/* .log */ .Rm) `Nothing to clean up: ${_outputs_js__WEBPACK_IMPORTED_MODULE_0__/* .API_KEY_VARIABLE */ .C6} was not exported.`);
            return;
        }
        const current = env[_outputs_js__WEBPACK_IMPORTED_MODULE_0__/* .API_KEY_VARIABLE */ .C6];
        if (!current || (0,_outputs_js__WEBPACK_IMPORTED_MODULE_0__/* .fingerprint */ .Rj)(current) !== io.getState(_outputs_js__WEBPACK_IMPORTED_MODULE_0__/* .STATE */ .c4.fingerprint)) {
            io.info((0,_print_gate_js__WEBPACK_IMPORTED_MODULE_1__/* .log */ .Rm) `Nothing to clean up: ${_outputs_js__WEBPACK_IMPORTED_MODULE_0__/* .API_KEY_VARIABLE */ .C6} no longer holds this step's key (a later step replaced or cleared it).`);
            return;
        }
        const expiresAt = io.getState(_outputs_js__WEBPACK_IMPORTED_MODULE_0__/* .STATE */ .c4.expiresAt);
        const expiredMs = nowMs - Date.parse(expiresAt);
        if (expiredMs > 0) {
            io.warning((0,_print_gate_js__WEBPACK_IMPORTED_MODULE_1__/* .log */ .Rm) `The Cloudsmith key in ${_outputs_js__WEBPACK_IMPORTED_MODULE_0__/* .API_KEY_VARIABLE */ .C6} expired at ${expiresAt}, ${Math.ceil(expiredMs / 60_000)} minute(s) before this job ended; a step that used it after then was refused. Run the action again right before long-running steps.`, (0,_print_gate_js__WEBPACK_IMPORTED_MODULE_1__/* .log */ .Rm) `Cloudsmith key expired during the job`);
        }
        if (io.getState(_outputs_js__WEBPACK_IMPORTED_MODULE_0__/* .STATE */ .c4.cleanup) !== 'true') {
            io.info((0,_print_gate_js__WEBPACK_IMPORTED_MODULE_1__/* .log */ .Rm) `cleanup is false: ${_outputs_js__WEBPACK_IMPORTED_MODULE_0__/* .API_KEY_VARIABLE */ .C6} is left as it is.`);
            return;
        }
        io.exportVariable(_outputs_js__WEBPACK_IMPORTED_MODULE_0__/* .API_KEY_VARIABLE */ .C6, '');
        io.info((0,_print_gate_js__WEBPACK_IMPORTED_MODULE_1__/* .log */ .Rm) `Cleared ${_outputs_js__WEBPACK_IMPORTED_MODULE_0__/* .API_KEY_VARIABLE */ .C6} for the rest of the job.`);
        const apiHost = io.getState(_outputs_js__WEBPACK_IMPORTED_MODULE_0__/* .STATE */ .c4.apiHost);
        if (apiHost !== '' && env[_outputs_js__WEBPACK_IMPORTED_MODULE_0__/* .API_HOST_VARIABLE */ .ZP] === apiHost) {
            io.exportVariable(_outputs_js__WEBPACK_IMPORTED_MODULE_0__/* .API_HOST_VARIABLE */ .ZP, '');
            io.info((0,_print_gate_js__WEBPACK_IMPORTED_MODULE_1__/* .log */ .Rm) `Cleared ${_outputs_js__WEBPACK_IMPORTED_MODULE_0__/* .API_HOST_VARIABLE */ .ZP} for the rest of the job.`);
        }
    }
    catch (error) {
        io.warning((0,_print_gate_js__WEBPACK_IMPORTED_MODULE_1__/* .log */ .Rm) `Cleanup failed: ${(0,_error_message_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .g)(error)}`, (0,_print_gate_js__WEBPACK_IMPORTED_MODULE_1__/* .log */ .Rm) `Cleanup failed`);
    }
}
function undoRegistries(io, system) {
    try {
        const record = (0,_registries_record_js__WEBPACK_IMPORTED_MODULE_5__/* .parseRecord */ .Hh)(io.getState(_registries_record_js__WEBPACK_IMPORTED_MODULE_5__/* .REGISTRIES_STATE */ .UP));
        if (record === undefined)
            return;
        if (record instanceof Error)
            throw record;
        if (!record.cleanup) {
            io.info((0,_print_gate_js__WEBPACK_IMPORTED_MODULE_1__/* .log */ .Rm) `cleanup is false: the package manager configuration of the registries input is left as it is.`);
            return;
        }
        if (system === undefined)
            throw new Error('the post step was given no system to undo with');
        (0,_registries_apply_js__WEBPACK_IMPORTED_MODULE_2__/* .undoRecord */ .sy)(record, { io, system, timeoutMs: POST_PROGRAM_TIMEOUT_MS });
    }
    catch (error) {
        io.warning((0,_print_gate_js__WEBPACK_IMPORTED_MODULE_1__/* .log */ .Rm) `Could not undo the registries configuration: ${(0,_error_message_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .g)(error)}`, (0,_print_gate_js__WEBPACK_IMPORTED_MODULE_1__/* .log */ .Rm) `Cleanup incomplete`);
    }
}


/***/ })

};
;
//# sourceMappingURL=661.index.js.map