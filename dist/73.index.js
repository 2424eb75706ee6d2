"use strict";
exports.id = 73;
exports.ids = [73];
exports.modules = {

/***/ 73:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  post: () => (/* binding */ post)
});

// EXTERNAL MODULE: ./src/deadline.ts
var deadline = __webpack_require__(683);
// EXTERNAL MODULE: ./src/error-message.ts
var error_message = __webpack_require__(587);
// EXTERNAL MODULE: ./src/step-inputs.ts
var step_inputs = __webpack_require__(475);
// EXTERNAL MODULE: ./src/outputs.ts
var outputs = __webpack_require__(729);
// EXTERNAL MODULE: ./src/print-gate.ts
var print_gate = __webpack_require__(286);
// EXTERNAL MODULE: ./src/registries/docker-config.ts + 1 modules
var docker_config = __webpack_require__(931);
// EXTERNAL MODULE: ./src/registries/docker-helper.ts
var docker_helper = __webpack_require__(940);
// EXTERNAL MODULE: ./src/registries/docker-stores.ts
var docker_stores = __webpack_require__(30);
// EXTERNAL MODULE: ./src/registries/docker-view.ts
var docker_view = __webpack_require__(233);
// EXTERNAL MODULE: ./src/registries/docker.ts + 2 modules
var docker = __webpack_require__(99);
;// CONCATENATED MODULE: ./src/registries/docker-logout.ts






function viewOf(action, { system, deadline }) {
    const configFile = (0,docker/* dockerConfigFile */.dO)(action.configDir, system.platform);
    const read = (0,docker_config/* readDockerConfig */.TO)(system.readFile(configFile));
    if (!read.ok)
        return { kind: 'unknown', why: `docker cannot read ${configFile}: ${read.why}` };
    const store = (0,docker_stores/* defaultStore */.LS)(system.platform, (name) => system.findProgram(name) !== undefined);
    return (0,docker_view/* dockerHolder */.Li)(read.config, action, store, (helper, address) => (0,docker_helper/* readCredentialHelper */.Af)(system, helper, address, action.configDir, deadline));
}
function dockerLogout(action, options) {
    const { io, system, deadline } = options;
    const notLoggedOut = (0,print_gate/* log */.Rm) `docker not logged out`;
    const holder = viewOf(action, options);
    switch (holder.kind) {
        case 'none':
            io.info((0,print_gate/* log */.Rm) `docker holds no credential for ${action.host}; nothing to log out.`);
            return;
        case 'other':
            io.info((0,print_gate/* log */.Rm) `docker's credential for ${action.host} is no longer this step's (a later login replaced it); left as it is.`);
            return;
        case 'unknown':
            io.warning((0,print_gate/* log */.Rm) `${holder.why}, so the post step cannot tell whether the credential for ${action.host} is still this step's; left logged in (it expires with the key).`, notLoggedOut);
            return;
        case 'shared':
            io.warning((0,print_gate/* log */.Rm) `docker still holds this step's credential for ${action.host}, but ${holder.store} also holds a login for "${holder.address}" (made after this step's), which docker logout ${action.host} would erase too; left logged in (it expires with the key).`, notLoggedOut);
            return;
        case 'ours':
            break;
    }
    const docker = system.findProgram('docker');
    if (docker === undefined) {
        io.warning((0,print_gate/* log */.Rm) `docker is not on PATH any more, so the post step could not log out of ${action.host}; the credential stays with docker (${action.configDir}) until the key expires.`, notLoggedOut);
        return;
    }
    const result = system.run(docker, ['logout', action.host], {
        env: { DOCKER_CONFIG: action.configDir },
        deadline
    });
    if (result.status !== 0) {
        io.warning((0,print_gate/* log */.Rm) `docker logout ${action.host} failed (${result.error ?? `exit code ${result.status}`})${(0,docker_helper/* saidOnStderr */.bn)(result.stderr)}.`, notLoggedOut);
        return;
    }
    if (viewOf(action, options).kind === 'ours') {
        io.warning((0,print_gate/* log */.Rm) `docker logout ${action.host} ended without error, but docker still holds this step's credential (its credential store did not erase it); it expires with the key.`, notLoggedOut);
        return;
    }
    io.info((0,print_gate/* log */.Rm) `Logged docker out of ${action.host}.`);
}

// EXTERNAL MODULE: ./src/fingerprint.ts
var fingerprint = __webpack_require__(659);
;// CONCATENATED MODULE: ./src/registries/undo.ts

function planUndo(record, env) {
    return [...record.steps].reverse().map((step) => {
        switch (step.kind) {
            case 'file':
                return { ...step, kind: 'remove-file' };
            case 'env': {
                const current = env[step.name];
                if (current === undefined || (0,fingerprint/* fingerprint */.R)(current) !== step.sha256) {
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




function undoRecord(record, options) {
    const { io } = options;
    for (const action of planUndo(record, options.system.env)) {
        try {
            undoAction(action, options);
        }
        catch (error) {
            io.warning((0,print_gate/* log */.Rm) `Could not undo line ${action.line} of registries: ${(0,error_message/* errorMessage */.g)(error)}`, (0,print_gate/* log */.Rm) `Cleanup incomplete`);
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
                ? (0,print_gate/* log */.Rm) `Removed ${action.path}.`
                : (0,print_gate/* log */.Rm) `${action.path} ${FILE_OUTCOMES[outcome]}.`);
            return;
        }
        case 'restore-env':
            io.exportVariable(action.name, action.value);
            io.info(action.value === ''
                ? (0,print_gate/* log */.Rm) `Cleared ${action.name} for the rest of the job.`
                : (0,print_gate/* log */.Rm) `Put ${action.name} back to its value before the action.`);
            return;
        case 'keep-env':
            io.info((0,print_gate/* log */.Rm) `${action.name} no longer holds this step's value (a later step set it); left as it is.`);
            return;
        case 'leave-env':
            io.info((0,print_gate/* log */.Rm) `Left ${action.name} as it is: it holds nothing secret and had no value before the action (a variable cannot be unset, and tools refuse it empty).`);
            return;
        case 'docker-logout':
            dockerLogout(action, options);
            return;
    }
}

// EXTERNAL MODULE: ./src/registries/record.ts
var registries_record = __webpack_require__(42);
// EXTERNAL MODULE: ./src/refresh/step.ts + 8 modules
var step = __webpack_require__(331);
;// CONCATENATED MODULE: ./src/post.ts








async function post(io, env, nowMs, system, refreshMachine, now = () => Date.now()) {
    undoRegistries(io, system, postDeadline(io, now));
    clearKey(io, env, nowMs);
    await (0,step/* undoRefresh */.Ac)(io, env.RUNNER_TEMP ?? '', system?.platform ?? 'linux', refreshMachine);
}
function clearKey(io, env, nowMs) {
    try {
        if (io.getState(outputs/* STATE */.c4.expiresAt) === '') {
            io.info((0,print_gate/* log */.Rm) `Nothing to clean up: the main step did not produce a key.`);
            return;
        }
        if (io.getState(outputs/* STATE */.c4.exported) !== 'true') {
            io.info((0,print_gate/* log */.Rm) `Nothing to clean up: ${outputs/* API_KEY_VARIABLE */.C6} was not exported.`);
            return;
        }
        const current = env[outputs/* API_KEY_VARIABLE */.C6];
        if (!current || (0,outputs/* fingerprint */.Rj)(current) !== io.getState(outputs/* STATE */.c4.fingerprint)) {
            io.info((0,print_gate/* log */.Rm) `Nothing to clean up: ${outputs/* API_KEY_VARIABLE */.C6} no longer holds this step's key (a later step replaced or cleared it).`);
            return;
        }
        const expiresAt = io.getState(outputs/* STATE */.c4.expiresAt);
        const expiredMs = nowMs - Date.parse(expiresAt);
        if (expiredMs > 0) {
            io.warning((0,print_gate/* log */.Rm) `The Cloudsmith key in ${outputs/* API_KEY_VARIABLE */.C6} expired at ${expiresAt}, ${Math.ceil(expiredMs / 60_000)} minute(s) before this job ended; a step that used it after then was refused. Run the action again right before long-running steps.`, (0,print_gate/* log */.Rm) `Cloudsmith key expired during the job`);
        }
        if (io.getState(outputs/* STATE */.c4.cleanup) !== 'true') {
            io.info((0,print_gate/* log */.Rm) `cleanup is false: ${outputs/* API_KEY_VARIABLE */.C6} is left as it is.`);
            return;
        }
        io.exportVariable(outputs/* API_KEY_VARIABLE */.C6, '');
        io.info((0,print_gate/* log */.Rm) `Cleared ${outputs/* API_KEY_VARIABLE */.C6} for the rest of the job.`);
        const apiHost = io.getState(outputs/* STATE */.c4.apiHost);
        if (apiHost !== '' && env[outputs/* API_HOST_VARIABLE */.ZP] === apiHost) {
            io.exportVariable(outputs/* API_HOST_VARIABLE */.ZP, '');
            io.info((0,print_gate/* log */.Rm) `Cleared ${outputs/* API_HOST_VARIABLE */.ZP} for the rest of the job.`);
        }
    }
    catch (error) {
        io.warning((0,print_gate/* log */.Rm) `Cleanup failed: ${(0,error_message/* errorMessage */.g)(error)}`, (0,print_gate/* log */.Rm) `Cleanup failed`);
    }
}
function postDeadline(io, now) {
    const seconds = (name, fallback, max) => {
        const value = io.getInput(name).trim();
        const n = /^\d+$/.test(value) ? Number(value) : NaN;
        return n >= 1 && n <= max ? n : fallback;
    };
    const eachMs = seconds('timeout-seconds', step_inputs/* DEFAULT_TIMEOUT_SECONDS */.KU, 300) * 1000;
    const totalMs = seconds('total-timeout-seconds', step_inputs/* DEFAULT_TOTAL_TIMEOUT_SECONDS */.n$, 3600) * 1000;
    return (0,deadline/* stepDeadline */.VN)(now() + totalMs, eachMs, now);
}
function undoRegistries(io, system, deadline) {
    try {
        const rules = {
            tempDir: system?.env['RUNNER_TEMP'] ?? '',
            platform: system?.platform ?? 'linux'
        };
        const record = (0,registries_record/* parseRecord */.Hh)(io.getState(registries_record/* REGISTRIES_STATE */.UP), rules);
        if (record === undefined)
            return;
        if (record instanceof Error)
            throw record;
        if (record.steps.length === 0)
            return;
        if (!record.cleanup) {
            io.info((0,print_gate/* log */.Rm) `cleanup is false: the package manager configuration of the registries input is left as it is.`);
            return;
        }
        if (system === undefined)
            throw new Error('the post step was given no system to undo with');
        undoRecord(record, { io, system, deadline });
    }
    catch (error) {
        io.warning((0,print_gate/* log */.Rm) `Could not undo the registries configuration: ${(0,error_message/* errorMessage */.g)(error)}`, (0,print_gate/* log */.Rm) `Cleanup incomplete`);
    }
}


/***/ })

};
;
//# sourceMappingURL=73.index.js.map