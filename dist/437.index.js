"use strict";
exports.id = 437;
exports.ids = [437];
exports.modules = {

/***/ 437:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  JI: () => (/* binding */ applyPlans),
  sy: () => (/* binding */ undoRecord)
});

// UNUSED EXPORTS: RegistryApplyError, derivedSecrets, resolveValue

// EXTERNAL MODULE: ./src/error-message.ts
var error_message = __webpack_require__(587);
// EXTERNAL MODULE: ./src/fingerprint.ts + 1 modules
var fingerprint = __webpack_require__(615);
// EXTERNAL MODULE: ./src/print-gate.ts
var print_gate = __webpack_require__(286);
// EXTERNAL MODULE: ./src/redact.ts
var redact = __webpack_require__(670);
// EXTERNAL MODULE: ./src/registries/docker.ts
var docker = __webpack_require__(107);
// EXTERNAL MODULE: ./src/registries/plan.ts
var plan = __webpack_require__(988);
// EXTERNAL MODULE: ./src/registries/record.ts
var registries_record = __webpack_require__(42);
// EXTERNAL MODULE: ./src/registries/request.ts
var request = __webpack_require__(778);
;// CONCATENATED MODULE: ./src/registries/undo.ts

function planUndo(record, env) {
    return [...record.steps].reverse().map((step) => {
        switch (step.kind) {
            case 'file':
                return { kind: 'remove-file', line: step.line, path: step.path };
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

;// CONCATENATED MODULE: ./src/registries/apply.ts









class RegistryApplyError extends Error {
    failureTitle;
    failureLines;
    name = 'RegistryApplyError';
    constructor(failureTitle, failureLines) {
        super((0,print_gate/* joinLines */.cT)([...failureLines]).text);
        this.failureTitle = failureTitle;
        this.failureLines = failureLines;
    }
}
function resolveValue(value, key) {
    return value.map((part) => (part === plan/* KEY */._ ? key : part)).join('');
}
function derivedSecrets(step, key) {
    switch (step.kind) {
        case 'docker-login':
            return [(0,docker/* basicAuth */.tB)(step.username, key)];
        case 'env': {
            const value = resolveValue(step.value, key);
            return step.secret && value !== key && value.includes(key) ? [value] : [];
        }
        case 'file':
            return [];
    }
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
        io.saveState(registries_record/* REGISTRIES_STATE */.UP, (0,registries_record/* serialiseRecord */.pU)(saved));
    };
    for (const plan of plans) {
        io.info((0,print_gate/* log */.Rm) `${plan.title}`);
        for (const step of plan.steps)
            applyStep(plan, step, record, options);
        for (const note of plan.notes)
            io.info((0,print_gate/* log */.Rm) `  ${note}`);
    }
}
function applyStep(plan, step, record, { io, system, key, timeoutMs }) {
    const line = plan.request.line;
    switch (step.kind) {
        case 'file':
            record({ kind: 'file', line, path: step.path });
            try {
                system.writeFile(step.path, step.content);
            }
            catch (error) {
                throw failed(plan, (0,print_gate/* log */.Rm) `Could not write ${step.path}: ${(0,error_message/* errorMessage */.g)(error)}`, [
                    (0,print_gate/* log */.Rm) `Likely cause: RUNNER_TEMP is not writable, or something else holds that path.`,
                    (0,print_gate/* log */.Rm) `Fix: run the action on a runner whose RUNNER_TEMP belongs to the job.`
                ]);
            }
            io.info((0,print_gate/* log */.Rm) `  Wrote ${step.path} (mode 0600).`);
            return;
        case 'env': {
            const value = resolveValue(step.value, key);
            record({
                kind: 'env',
                line,
                name: step.name,
                sha256: (0,fingerprint/* fingerprint */.R)(value),
                restore: step.restore
            });
            io.exportVariable(step.name, value);
            io.info((0,print_gate/* log */.Rm) `  Exported ${step.name}.`);
            return;
        }
        case 'docker-login': {
            const docker = system.findProgram('docker');
            if (docker === undefined) {
                throw failed(plan, (0,print_gate/* log */.Rm) `The docker program is no longer on PATH.`, [
                    (0,print_gate/* log */.Rm) `Fix: keep docker installed for the whole job.`
                ]);
            }
            record({
                kind: 'docker-login',
                line,
                host: step.host,
                username: step.username,
                configDir: step.configDir,
                keySha256: (0,fingerprint/* fingerprint */.R)(key)
            });
            const result = system.run(docker, ['login', step.host, '--username', step.username, '--password-stdin'], {
                input: key,
                env: { DOCKER_CONFIG: step.configDir },
                timeoutMs
            });
            for (const text of outputLines(result.stdout + '\n' + result.stderr, [key])) {
                io.debug((0,print_gate/* log */.Rm) `docker: ${text}`);
            }
            if (result.status !== 0) {
                throw failed(plan, (0,print_gate/* log */.Rm) `docker login ${step.host} --username ${step.username} --password-stdin failed: ${result.error ?? `exit code ${result.status}`}.`, [
                    (0,print_gate/* log */.Rm) `docker said: ${lastLines(result.stdout + '\n' + result.stderr, [key])}`,
                    (0,print_gate/* log */.Rm) `Likely cause: the registry refused the key (is ${step.host} the organization's docker host, and may the service account read it?), or the registry cannot be reached from the runner.`,
                    (0,print_gate/* log */.Rm) `Fix: check the host= of this line and the service account's access to the repository; the key itself works for the API (the exchange succeeded).`
                ]);
            }
            io.info((0,print_gate/* log */.Rm) `  Logged docker in to ${step.host} as ${step.username}.`);
            return;
        }
    }
}
function failed(plan, what, rest) {
    return new RegistryApplyError((0,print_gate/* log */.Rm) `Package manager not configured`, [
        (0,print_gate/* log */.Rm) `${(0,request/* lineName */.iE)(plan.request)}: ${plan.title}`,
        what,
        ...rest,
        (0,print_gate/* log */.Rm) `The key itself was exchanged and published; the post step undoes what this step configured before the failure.`
    ]);
}
function outputLines(text, secrets) {
    return (0,redact/* redact */.E$)(text, secrets)
        .split(/\r\n|\r|\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '');
}
function lastLines(text, secrets = []) {
    const lines = outputLines(text, secrets);
    return lines.length === 0 ? '(nothing)' : lines.slice(-3).join(' / ');
}
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
function undoAction(action, { io, system, timeoutMs }) {
    switch (action.kind) {
        case 'remove-file':
            io.info(system.removeFile(action.path)
                ? (0,print_gate/* log */.Rm) `Removed ${action.path}.`
                : (0,print_gate/* log */.Rm) `${action.path} was already gone.`);
            return;
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
            dockerLogout(action, { io, system, timeoutMs });
            return;
    }
}
function dockerHolder(action, { system, timeoutMs }) {
    const configText = system.readFile((0,docker/* dockerConfigFile */.dO)(action.configDir, system.platform));
    const helper = (0,docker/* credentialStore */.nn)(configText, action.host);
    if (helper === undefined) {
        const auth = (0,docker/* configAuth */.vD)(configText, action.host);
        if (auth === undefined)
            return 'none';
        return (0,docker/* authIsOurs */.Q5)(auth, action.username, action.keySha256) ? 'ours' : 'other';
    }
    const read = (0,docker/* readCredentialHelper */.Af)(system, helper, action.host, action.configDir, timeoutMs);
    if (read.kind === 'none')
        return 'none';
    if (read.kind === 'unknown')
        return { unknown: (0,print_gate/* log */.Rm) `${read.why}` };
    return (0,docker/* helperAnswerIsOurs */.aS)(read.answer, action.username, action.keySha256) ? 'ours' : 'other';
}
function dockerLogout(action, { io, system, timeoutMs }) {
    const notLoggedOut = (0,print_gate/* log */.Rm) `docker not logged out`;
    const holder = dockerHolder(action, { system, timeoutMs });
    if (holder === 'none') {
        io.info((0,print_gate/* log */.Rm) `docker holds no credential for ${action.host}; nothing to log out.`);
        return;
    }
    if (holder === 'other') {
        io.info((0,print_gate/* log */.Rm) `docker's credential for ${action.host} is no longer this step's (a later login replaced it); left as it is.`);
        return;
    }
    if (holder !== 'ours') {
        io.warning((0,print_gate/* log */.Rm) `${holder.unknown}, so the post step cannot tell whether the credential for ${action.host} is still this step's; left logged in (it expires with the key).`, notLoggedOut);
        return;
    }
    const docker = system.findProgram('docker');
    if (docker === undefined) {
        io.warning((0,print_gate/* log */.Rm) `docker is not on PATH any more, so the post step could not log out of ${action.host}; the credential stays with docker (${action.configDir}) until the key expires.`, notLoggedOut);
        return;
    }
    const result = system.run(docker, ['logout', action.host], {
        env: { DOCKER_CONFIG: action.configDir },
        timeoutMs
    });
    if (result.status !== 0) {
        io.warning((0,print_gate/* log */.Rm) `docker logout ${action.host} failed (${result.error ?? `exit code ${result.status}`}): ${lastLines(result.stdout + '\n' + result.stderr)}`, notLoggedOut);
        return;
    }
    if (dockerHolder(action, { system, timeoutMs }) === 'ours') {
        io.warning((0,print_gate/* log */.Rm) `docker logout ${action.host} ended without error, but docker still holds this step's credential (its credential store did not erase it); it expires with the key.`, notLoggedOut);
        return;
    }
    io.info((0,print_gate/* log */.Rm) `Logged docker out of ${action.host}.`);
}


/***/ }),

/***/ 107:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Af: () => (/* binding */ readCredentialHelper),
/* harmony export */   Q5: () => (/* binding */ authIsOurs),
/* harmony export */   T3: () => (/* binding */ docker),
/* harmony export */   aS: () => (/* binding */ helperAnswerIsOurs),
/* harmony export */   dO: () => (/* binding */ dockerConfigFile),
/* harmony export */   nn: () => (/* binding */ credentialStore),
/* harmony export */   tB: () => (/* binding */ basicAuth),
/* harmony export */   vD: () => (/* binding */ configAuth)
/* harmony export */ });
/* unused harmony exports DOCKER_HOST, DOCKER_USERNAME, dockerConfigDir, helperRead */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _fingerprint_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(615);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(59);
/* harmony import */ var _request_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(778);




const DOCKER_HOST = 'docker.cloudsmith.io';
const DOCKER_USERNAME = 'token';
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9_.@+-]{0,127}$/;
function host(request) {
    return request.options.get('host') ?? DOCKER_HOST;
}
function dockerConfigDir(context) {
    const paths = context.platform === 'win32' ? node_path__WEBPACK_IMPORTED_MODULE_0__.win32 : node_path__WEBPACK_IMPORTED_MODULE_0__.posix;
    const configured = context.env['DOCKER_CONFIG'];
    return configured ? paths.resolve(configured) : paths.join(context.homeDir, '.docker');
}
function dockerConfigFile(configDir, platform) {
    return (platform === 'win32' ? node_path__WEBPACK_IMPORTED_MODULE_0__.win32 : node_path__WEBPACK_IMPORTED_MODULE_0__.posix).join(configDir, 'config.json');
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
        const outside = configInWorkspace(request, context, configDir);
        if (outside !== undefined)
            return { problems: [outside] };
        const configFile = dockerConfigFile(configDir, context.platform);
        const configText = context.readFile(configFile);
        const store = credentialStore(configText, registry);
        const standing = standingLogin(request, context, { configDir, configFile, configText, store });
        if (standing !== undefined)
            return { problems: [standing] };
        return {
            request,
            title: `docker: log in to ${registry} as ${username}`,
            steps: [{ kind: 'docker-login', host: registry, username, configDir }],
            notes: [
                store
                    ? `docker keeps the credential in its credential store '${store}' (named in ${dockerConfigFile(configDir, context.platform)}) until the post step logs out.`
                    : `docker keeps the credential in ${dockerConfigFile(configDir, context.platform)} until the post step logs out.`
            ]
        };
    }
};
function configInWorkspace(request, context, configDir) {
    const paths = context.platform === 'win32' ? node_path__WEBPACK_IMPORTED_MODULE_0__.win32 : node_path__WEBPACK_IMPORTED_MODULE_0__.posix;
    const configured = context.env['DOCKER_CONFIG'];
    const why = `docker would keep its stored key (base64 of the user name and the key) there, where an upload-artifact or cache step could pick it up. Fix: point DOCKER_CONFIG at a folder under RUNNER_TEMP (for example \${{ runner.temp }}/docker), or unset it.`;
    if (configured && !paths.isAbsolute(configured)) {
        return `${(0,_request_js__WEBPACK_IMPORTED_MODULE_3__/* .lineName */ .iE)(request)}: DOCKER_CONFIG (${configured}) is a relative path, which docker resolves against the working directory, the workspace; ${why}`;
    }
    const workspace = context.env['GITHUB_WORKSPACE'];
    if (workspace &&
        paths.isAbsolute(workspace) &&
        ((0,_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .isInside */ .F)(workspace, configDir, context.platform) ||
            paths.relative(paths.resolve(workspace), configDir) === '')) {
        return `${(0,_request_js__WEBPACK_IMPORTED_MODULE_3__/* .lineName */ .iE)(request)}: docker's config folder ${configDir} lies inside the workspace (GITHUB_WORKSPACE, ${workspace}); ${why}`;
    }
    return undefined;
}
function standingLogin(request, context, where) {
    const registry = host(request);
    const fix = `Fix: give docker its own config for this job (set DOCKER_CONFIG to a new folder under RUNNER_TEMP before this step), or remove the standing login (docker logout ${registry}) before this step.`;
    const replaced = `this step's login would replace it and the post step would then log it out.`;
    if (configAuth(where.configText, registry) !== undefined) {
        return `${(0,_request_js__WEBPACK_IMPORTED_MODULE_3__/* .lineName */ .iE)(request)}: docker already holds a login for ${registry} in ${where.configFile}, made before this step; ${replaced} ${fix}`;
    }
    if (where.store === undefined)
        return undefined;
    const read = context.readCredentialHelper?.(where.store, registry, where.configDir) ?? {
        kind: 'unknown',
        why: `docker's credential store could not be asked`
    };
    if (read.kind === 'found') {
        return `${(0,_request_js__WEBPACK_IMPORTED_MODULE_3__/* .lineName */ .iE)(request)}: docker's credential store '${where.store}' (named in ${where.configFile}) already holds a login for ${registry}, made before this step; ${replaced} ${fix}`;
    }
    if (read.kind === 'unknown') {
        return `${(0,_request_js__WEBPACK_IMPORTED_MODULE_3__/* .lineName */ .iE)(request)}: cannot tell whether docker already holds a login for ${registry}: ${read.why}. Fix: make docker-credential-${where.store} answer (for example, unlock its keychain), or give docker its own config for this job (set DOCKER_CONFIG to a new folder under RUNNER_TEMP before this step).`;
    }
    return undefined;
}
function readCredentialHelper(machine, helper, registry, configDir, timeoutMs) {
    const program = machine.findProgram(`docker-credential-${helper}`);
    if (program === undefined) {
        return {
            kind: 'unknown',
            why: `docker's credential store program docker-credential-${helper} is not on PATH`
        };
    }
    const result = machine.run(program, ['get'], {
        input: registry,
        env: { DOCKER_CONFIG: configDir },
        timeoutMs
    });
    return helperRead(helper, result);
}
function helperRead(helper, result) {
    if (result.status === 0 && result.error === undefined) {
        return { kind: 'found', answer: result.stdout };
    }
    const said = `${result.stdout}\n${result.stderr}`;
    if (result.error === undefined && /credentials not found/i.test(said))
        return { kind: 'none' };
    const lines = said
        .split(/\r\n|\r|\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '');
    const output = lines.length === 0 ? '(nothing)' : lines.slice(-2).join(' / ').slice(0, 300);
    return {
        kind: 'unknown',
        why: `docker-credential-${helper} get failed (${result.error ?? `exit code ${result.status}`}) and said: ${output}`
    };
}
function credentialStore(configText, host) {
    const config = parseConfig(configText);
    const helpers = config['credHelpers'];
    if (isRecord(helpers) && typeof helpers[host] === 'string' && helpers[host] !== '') {
        return helpers[host];
    }
    const store = config['credsStore'];
    return typeof store === 'string' && store !== '' ? store : undefined;
}
function configAuth(configText, host) {
    const auths = parseConfig(configText)['auths'];
    if (!isRecord(auths))
        return undefined;
    const entry = auths[host];
    return isRecord(entry) && typeof entry['auth'] === 'string' ? entry['auth'] : undefined;
}
function basicAuth(username, key) {
    return Buffer.from(`${username}:${key}`).toString('base64');
}
function authIsOurs(auth, username, keySha256) {
    const decoded = Buffer.from(auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0)
        return false;
    return decoded.slice(0, colon) === username && (0,_fingerprint_js__WEBPACK_IMPORTED_MODULE_1__/* .fingerprint */ .R)(decoded.slice(colon + 1)) === keySha256;
}
function helperAnswerIsOurs(answer, username, keySha256) {
    let parsed;
    try {
        parsed = JSON.parse(answer);
    }
    catch {
        return false;
    }
    return (isRecord(parsed) &&
        parsed['Username'] === username &&
        typeof parsed['Secret'] === 'string' &&
        (0,_fingerprint_js__WEBPACK_IMPORTED_MODULE_1__/* .fingerprint */ .R)(parsed['Secret']) === keySha256);
}
function parseConfig(text) {
    if (text === undefined)
        return {};
    try {
        const parsed = JSON.parse(text);
        return isRecord(parsed) ? parsed : {};
    }
    catch {
        return {};
    }
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}


/***/ }),

/***/ 994:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hw: () => (/* binding */ domainOptionText),
/* harmony export */   Qb: () => (/* binding */ isDomainOption),
/* harmony export */   Qw: () => (/* binding */ cloudsmithHostProblem),
/* harmony export */   aS: () => (/* binding */ domainEndpoint),
/* harmony export */   vr: () => (/* binding */ domainProblems)
/* harmony export */ });
/* unused harmony exports DOMAIN_KINDS, hostOptionOf */
const DOMAIN_KINDS = ['cloudsmith', 'organization', 'repository'];
function isDomainOption(key) {
    return key === 'domain' || key.endsWith('-domain');
}
function hostOptionOf(domainOption) {
    return `${domainOption.slice(0, -'domain'.length)}host`;
}
function domainOptionText(domainOption) {
    const host = hostOptionOf(domainOption);
    return `what ${host}= is: organization (an organization-wide custom domain, the default for any other host than Cloudsmith's: the path drops OWNER/), repository (a per-repository custom domain: the path drops OWNER/REPOSITORY/) or cloudsmith (keeps /OWNER/REPOSITORY/)`;
}
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
function sameHost(a, b) {
    const plain = (host) => host.toLowerCase().replace(/:443$/, '');
    return plain(a) === plain(b);
}
function domainEndpoint(request, hostOption, defaultHost) {
    const host = request.options.get(hostOption) ?? defaultHost;
    const given = request.options.get(`${hostOption.slice(0, -'host'.length)}domain`);
    const kind = given !== undefined && DOMAIN_KINDS.includes(given)
        ? given
        : sameHost(host, defaultHost)
            ? 'cloudsmith'
            : 'organization';
    const repository = request.repository ?? '';
    const path = {
        cloudsmith: `/${request.owner}/${repository}/`,
        organization: `/${repository}/`,
        repository: '/'
    }[kind];
    return { host, kind, path };
}


/***/ }),

/***/ 988:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ KEY)
/* harmony export */ });
const KEY = Symbol('the Cloudsmith API key');


/***/ }),

/***/ 42:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hh: () => (/* binding */ parseRecord),
/* harmony export */   UP: () => (/* binding */ REGISTRIES_STATE),
/* harmony export */   pU: () => (/* binding */ serialiseRecord)
/* harmony export */ });
const REGISTRIES_STATE = 'registries';
function serialiseRecord(record) {
    return JSON.stringify({ version: 1, ...record });
}
function parseRecord(text) {
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
        !Array.isArray(parsed.steps)) {
        return new Error('the saved record of what main applied has an unknown shape');
    }
    const record = parsed;
    const steps = record.steps.filter(isStep);
    if (steps.length !== record.steps.length) {
        return new Error('the saved record of what main applied holds a step of unknown shape');
    }
    return { cleanup: record.cleanup === true, steps };
}
function isStep(value) {
    if (typeof value !== 'object' || value === null)
        return false;
    const step = value;
    const strings = (...names) => names.every((name) => typeof step[name] === 'string');
    if (typeof step['line'] !== 'number')
        return false;
    switch (step['kind']) {
        case 'file':
            return strings('path');
        case 'env':
            return strings('name', 'sha256') && (step['restore'] === null || strings('restore'));
        case 'docker-login':
            return strings('host', 'username', 'configDir', 'keySha256');
        default:
            return false;
    }
}


/***/ }),

/***/ 778:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   XG: () => (/* binding */ parseRegistries),
/* harmony export */   iE: () => (/* binding */ lineName)
/* harmony export */ });
/* unused harmony exports isHostOption, hostProblem, formatUsage */
/* harmony import */ var _domains_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(994);

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const OPTION = /^([A-Za-z][A-Za-z0-9-]*)=(.*)$/s;
function isHostOption(key) {
    return key === 'host' || key.endsWith('-host');
}
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
    const own = [...format.validate(request), ...(0,_domains_js__WEBPACK_IMPORTED_MODULE_0__/* .domainProblems */ .vr)(options)].map((problem) => `${where}: ${problem}`);
    return own.length > 0 ? { problems: own } : { request };
}
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
    if ((0,_domains_js__WEBPACK_IMPORTED_MODULE_0__/* .isDomainOption */ .Qb)(key))
        return 'KIND';
    return key.toUpperCase();
}
function acceptedKeys(format) {
    const keys = Object.entries(format.options);
    if (keys.length === 0)
        return 'no keys';
    return keys.map(([key, takes]) => `${key} (${takes})`).join(', ');
}
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


/***/ })

};
;
//# sourceMappingURL=437.index.js.map