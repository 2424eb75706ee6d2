"use strict";
exports.id = 331;
exports.ids = [331];
exports.modules = {

/***/ 331:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ok: () => (/* binding */ applyRefresh),
  Xp: () => (/* binding */ refreshDryRunLines),
  iQ: () => (/* binding */ refreshSummary),
  fR: () => (/* binding */ setUpRefresh),
  Ac: () => (/* binding */ undoRefresh)
});

// UNUSED EXPORTS: helperUses

// EXTERNAL MODULE: ./src/error-message.ts
var error_message = __webpack_require__(587);
// EXTERNAL MODULE: ./src/input-error.ts
var input_error = __webpack_require__(236);
// EXTERNAL MODULE: ./src/print-gate.ts
var print_gate = __webpack_require__(286);
// EXTERNAL MODULE: ./src/registries/apply.ts + 2 modules
var apply = __webpack_require__(606);
;// CONCATENATED MODULE: ./src/refresh/cred-helpers.ts
function withCredHelper(configText, entry) {
    const config = parseObject(configText);
    if (config === undefined) {
        throw new Error('it is not a JSON object, and the action edits only a config docker could read');
    }
    const helpers = isRecord(config['credHelpers']) ? config['credHelpers'] : {};
    const next = {
        ...config,
        credHelpers: { ...helpers, [entry.host]: entry.helper }
    };
    if (entry.pinnedStore !== undefined && !config['credsStore']) {
        next['credsStore'] = entry.pinnedStore;
    }
    return `${JSON.stringify(next, null, '\t')}\n`;
}
function withoutCredHelper(configText, entry) {
    const config = parseObject(configText);
    const helpers = config?.['credHelpers'];
    if (config === undefined || !isRecord(helpers) || helpers[entry.host] !== entry.helper) {
        return undefined;
    }
    const others = Object.fromEntries(Object.entries(helpers).filter(([host]) => host !== entry.host));
    const next = { ...config, credHelpers: others };
    if (Object.keys(others).length === 0)
        delete next['credHelpers'];
    if (entry.pinnedStore !== undefined && next['credsStore'] === entry.pinnedStore) {
        delete next['credsStore'];
    }
    return `${JSON.stringify(next, null, '\t')}\n`;
}
function parseObject(text) {
    if (text === undefined || text.trim() === '')
        return {};
    try {
        const parsed = JSON.parse(text);
        return isRecord(parsed) ? parsed : undefined;
    }
    catch {
        return undefined;
    }
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// EXTERNAL MODULE: ./node_modules/jose/dist/webapi/util/decode_jwt.js + 4 modules
var decode_jwt = __webpack_require__(937);
// EXTERNAL MODULE: ./src/id-token.ts
var id_token = __webpack_require__(34);
;// CONCATENATED MODULE: ./src/refresh/key-cache.ts


const KEY_REFRESH_MARGIN_MS = 5 * 60_000;
function cacheEntry(token, askedAtMs, minted) {
    const expiresAtMs = token.expiresAt.getTime();
    let claims = {};
    try {
        claims = (0,decode_jwt/* decodeJwt */.i)(token.token);
    }
    catch {
    }
    const renewAtMs = Math.min(expiresAtMs, (0,id_token/* refreshTime */.TB)({ claims, expiresAtMs }, askedAtMs, KEY_REFRESH_MARGIN_MS));
    return { key: token.token, expiresAtMs, renewAtMs, minted };
}
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

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(760);
;// CONCATENATED MODULE: ./src/refresh/settings.ts
const PROTOCOLS = (/* unused pure expression or super */ null && (['docker', 'cargo', 'pnpm']));
class HelperUsageError extends (/* unused pure expression or super */ null && (Error)) {
    name = 'HelperUsageError';
}
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

;// CONCATENATED MODULE: ./src/refresh/launchers.ts


function helperLayout(tempDir, id, platform) {
    const paths = platform === 'win32' ? external_node_path_.win32 : external_node_path_.posix;
    const dir = paths.join(tempDir, `cloudsmith-oidc-refresh-${id}`);
    return { dir, binDir: paths.join(dir, 'bin') };
}
function dockerHelperName(id) {
    return `cloudsmith-oidc-${id}`;
}
function launcherName(protocol, id, platform) {
    const base = protocol === 'docker' ? `docker-credential-${dockerHelperName(id)}` : `${protocol}-credential`;
    return platform === 'win32' ? `${base}.cmd` : base;
}
function launcher(protocol, settings, layout, id, target) {
    const windows = target.platform === 'win32';
    const paths = windows ? external_node_path_.win32 : external_node_path_.posix;
    const args = [target.nodePath, target.helperScript, ...helperArgs(protocol, settings)];
    const path = paths.join(layout.binDir, launcherName(protocol, id, target.platform));
    const header = `Written by cloudsmith-oidc-action: the ${protocol} credential helper; its post step removes it.`;
    if (!windows) {
        const command = [...args.map(shellQuote), '"$@"'].join(' ');
        return { protocol, path, content: `#!/bin/sh\n# ${header}\nexec ${command}\n` };
    }
    const unquotable = args.find((arg) => /["\r\n\0]/.test(arg));
    if (unquotable !== undefined) {
        return {
            problem: `a .cmd launcher cannot hold a value with a double quote or a line break (${JSON.stringify(unquotable)})`
        };
    }
    const command = [...args.map(cmdQuote), '%*'].join(' ');
    return { protocol, path, content: `@echo off\r\nrem ${header}\r\n${command}\r\n` };
}
function shellQuote(value) {
    return `'${value.replace(/'/g, `'\\''`)}'`;
}
function cmdQuote(value) {
    return `"${value.replace(/%/g, '%%')}"`;
}

;// CONCATENATED MODULE: ./src/refresh/install.ts




function installRefresh(setup, uses, key, askedAtMs, options) {
    const { machine, info } = options;
    const { layout } = setup;
    const docker = [];
    const save = () => options.record({ dir: layout.dir, docker: [...docker] });
    machine.makeDir(layout.dir);
    save();
    machine.makeDir(layout.binDir);
    machine.writeCache(layout.dir, serialiseCache(cacheEntry(key, askedAtMs, 1)));
    info((0,print_gate/* log */.Rm) `Refresh: the helper's folder is ${layout.dir} (the key cache, mode 0600, and its launchers).`);
    const protocols = [...new Set(uses.map((use) => use.protocol))];
    for (const protocol of protocols)
        writeLauncher(setup, protocol, machine);
    if (protocols.includes('docker')) {
        options.addPath(layout.binDir);
        info((0,print_gate/* log */.Rm) `Refresh: ${layout.binDir} goes on PATH for the later steps (docker looks its helper up by name).`);
    }
    for (const use of uses) {
        if (use.protocol !== 'docker')
            continue;
        const entry = {
            configFile: use.configFile,
            host: use.host,
            helper: setup.dockerHelper,
            ...(use.pinnedStore === undefined ? {} : { pinnedStore: use.pinnedStore })
        };
        docker.push(entry);
        save();
        machine.replaceFile(entry.configFile, withCredHelper(machine.readFile(entry.configFile), entry));
        info((0,print_gate/* log */.Rm) `Refresh: docker asks docker-credential-${entry.helper} for ${entry.host} (credHelpers in ${entry.configFile}).`);
    }
}
function writeLauncher(setup, protocol, machine) {
    const made = launcher(protocol, setup.settings, setup.layout, setup.id, setup.target);
    if ('problem' in made)
        throw new Error(`cannot write the ${protocol} launcher: ${made.problem}`);
    machine.writeProgram(made.path, made.content);
}

;// CONCATENATED MODULE: ./src/refresh/record.ts

const REFRESH_STATE = 'refresh';
function serialiseRefreshRecord(record) {
    return JSON.stringify({ version: 1, ...record });
}
function parseRefreshRecord(text, tempDir, platform) {
    if (text === '')
        return undefined;
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        return new Error('the saved record of the refresh helper is not JSON');
    }
    const paths = platform === 'win32' ? external_node_path_.win32 : external_node_path_.posix;
    const record = parsed;
    const dir = record?.dir;
    if (typeof parsed !== 'object' ||
        parsed === null ||
        record.version !== 1 ||
        typeof dir !== 'string' ||
        tempDir === '' ||
        paths.dirname(dir) !== paths.resolve(tempDir) ||
        !/^cloudsmith-oidc-refresh-[0-9a-f]{8,32}$/.test(paths.basename(dir)) ||
        !Array.isArray(record.docker) ||
        !record.docker.every(isDockerEntry)) {
        return new Error('the saved record of the refresh helper has a shape main does not write');
    }
    return {
        dir,
        cleanup: parsed.cleanup !== false,
        docker: record.docker
    };
}
function isDockerEntry(value) {
    if (typeof value !== 'object' || value === null)
        return false;
    const entry = value;
    return (typeof entry['configFile'] === 'string' &&
        /[\\/]config\.json$/.test(entry['configFile']) &&
        typeof entry['host'] === 'string' &&
        /^[A-Za-z0-9.:[\]-]+$/.test(entry['host']) &&
        typeof entry['helper'] === 'string' &&
        /^cloudsmith-oidc-[0-9a-f]{8,32}$/.test(entry['helper']) &&
        (entry['pinnedStore'] === undefined ||
            (typeof entry['pinnedStore'] === 'string' && /^[a-z]{1,32}$/.test(entry['pinnedStore']))));
}

;// CONCATENATED MODULE: ./src/refresh/remove.ts




function removeRefresh(record, options) {
    const { machine, info, warning } = options;
    for (const entry of [...record.docker].reverse()) {
        try {
            const next = withoutCredHelper(machine.readFile(entry.configFile), entry);
            if (next === undefined) {
                info((0,print_gate/* log */.Rm) `docker's credHelpers entry for ${entry.host} is no longer this step's; left as it is.`);
                continue;
            }
            machine.replaceFile(entry.configFile, next);
            info((0,print_gate/* log */.Rm) `Removed docker's credHelpers entry for ${entry.host} from ${entry.configFile}.`);
        }
        catch (error) {
            warning((0,print_gate/* log */.Rm) `Could not remove docker's credHelpers entry for ${entry.host}: ${(0,error_message/* errorMessage */.g)(error)}`);
        }
    }
    let minted;
    try {
        minted = parseCache(machine.readCache(record.dir))?.minted;
        info(machine.removeTree(record.dir)
            ? (0,print_gate/* log */.Rm) `Removed the refresh helper's folder ${record.dir} (launchers, key cache).`
            : (0,print_gate/* log */.Rm) `The refresh helper's folder ${record.dir} was already gone.`);
    }
    catch (error) {
        warning((0,print_gate/* log */.Rm) `Could not remove the refresh helper's folder ${record.dir}: ${(0,error_message/* errorMessage */.g)(error)}`);
    }
    return minted;
}

;// CONCATENATED MODULE: ./src/refresh/setup.ts


function refreshSetup(inputs, tempDir, id, target) {
    const layout = helperLayout(tempDir, id, target.platform);
    const paths = target.platform === 'win32' ? external_node_path_.win32 : external_node_path_.posix;
    return {
        tempDir,
        id,
        layout,
        settings: {
            org: inputs.org,
            serviceSlug: inputs.serviceSlug,
            audience: inputs.audience,
            apiUrl: inputs.apiUrl,
            dir: layout.dir,
            maxAttempts: inputs.maxAttempts,
            timeoutMs: inputs.timeoutMs,
            totalTimeoutMs: inputs.totalTimeoutMs
        },
        target,
        dockerHelper: dockerHelperName(id),
        launcherPath: (protocol) => paths.join(layout.binDir, launcherName(protocol, id, target.platform))
    };
}

;// CONCATENATED MODULE: ./src/refresh/step.ts








function setUpRefresh(inputs, deps, machine) {
    if (!inputs.refresh || inputs.registries.length === 0 || deps === undefined)
        return undefined;
    const { tempDir, platform } = machine();
    if (tempDir === '') {
        throw new input_error/* InputError */.d([
            "Input 'refresh' is true, but RUNNER_TEMP is not set: the helper lives there. Run on a GitHub Actions runner, or set refresh: false."
        ]);
    }
    return refreshSetup(inputs, tempDir, deps.newId(), {
        platform,
        nodePath: deps.nodePath,
        helperScript: deps.helperScript
    });
}
function helperUses(plans) {
    return plans.flatMap((plan) => plan.helpers ?? []);
}
function applyRefresh(setup, plans, key, askedAtMs, options) {
    const uses = helperUses(plans);
    if (uses.length === 0)
        return;
    const { io } = options;
    try {
        installRefresh(setup, uses, key, askedAtMs, {
            machine: options.machine,
            record: (record) => io.saveState(REFRESH_STATE, serialiseRefreshRecord({ ...record, cleanup: options.cleanup })),
            addPath: (dir) => io.addPath(dir),
            info: (line) => io.info(line)
        });
    }
    catch (error) {
        throw new apply/* RegistryApplyError */.GO((0,print_gate/* log */.Rm) `Package manager not configured`, [
            (0,print_gate/* log */.Rm) `refresh: could not set up the credential helper: ${(0,error_message/* errorMessage */.g)(error)}`,
            (0,print_gate/* log */.Rm) `Likely cause: RUNNER_TEMP or docker's config folder is not writable, or docker's config.json is not a JSON object.`,
            (0,print_gate/* log */.Rm) `Fix: check DOCKER_CONFIG and RUNNER_TEMP, or set refresh: false. The key itself was exchanged and published; the post step removes what was set up.`
        ]);
    }
}
function refreshDryRunLines(setup, plans) {
    if (setup === undefined || helperUses(plans).length === 0)
        return [];
    return [
        (0,print_gate/* log */.Rm) `Dry run: refresh is on. The helper would live in ${setup.layout.dir} (key cache, mode 0600), its launchers in ${setup.layout.binDir} (mode 0700, on PATH for docker), run as ${setup.target.nodePath} ${setup.target.helperScript}.`
    ];
}
function refreshSummary(setup, plans) {
    const uses = helperUses(plans);
    if (setup === undefined || uses.length === 0)
        return [];
    const tools = [...new Set(uses.map((use) => use.protocol))].join(', ');
    return [
        (0,print_gate/* gfm */.Te) `Refresh: on. ${tools} ask the helper for the key, which exchanges again when less than five minutes are left; keys minted so far: ${'1'}.`,
        (0,print_gate/* gfm */.Te) ``
    ];
}
async function undoRefresh(io, tempDir, platform, machine) {
    try {
        const record = parseRefreshRecord(io.getState(REFRESH_STATE), tempDir, platform);
        if (record === undefined)
            return;
        if (record instanceof Error)
            throw record;
        if (!record.cleanup) {
            io.info((0,print_gate/* log */.Rm) `cleanup is false: the refresh helper is left in ${record.dir} for the rest of the job.`);
            return;
        }
        if (machine === undefined)
            throw new Error('the post step was given no machine to undo with');
        const minted = removeRefresh(record, {
            machine: await machine(tempDir),
            info: (line) => io.info(line),
            warning: (line) => io.warning(line, (0,print_gate/* log */.Rm) `Cleanup incomplete`)
        });
        if (minted !== undefined) {
            io.info((0,print_gate/* log */.Rm) `Refresh: the job minted ${minted} key(s), the main step's first one included.`);
            await io.appendSummary((0,print_gate/* gfm */.Te) `Cloudsmith OIDC refresh: the job minted ${String(minted)} key(s), the main step's first one included.`);
        }
    }
    catch (error) {
        io.warning((0,print_gate/* log */.Rm) `Could not take the refresh helper down: ${(0,error_message/* errorMessage */.g)(error)}`, (0,print_gate/* log */.Rm) `Cleanup incomplete`);
    }
}


/***/ }),

/***/ 606:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  GO: () => (/* reexport */ RegistryApplyError),
  JI: () => (/* binding */ applyPlans)
});

// UNUSED EXPORTS: derivedSecrets, resolveValue

// EXTERNAL MODULE: ./src/error-message.ts
var error_message = __webpack_require__(587);
// EXTERNAL MODULE: ./src/fingerprint.ts
var fingerprint = __webpack_require__(659);
// EXTERNAL MODULE: ./src/print-gate.ts
var print_gate = __webpack_require__(286);
// EXTERNAL MODULE: ./src/registries/request.ts
var request = __webpack_require__(778);
;// CONCATENATED MODULE: ./src/registries/apply-error.ts


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
function applyFailure(plan, what, rest) {
    return new RegistryApplyError((0,print_gate/* log */.Rm) `Package manager not configured`, [
        (0,print_gate/* log */.Rm) `${(0,request/* lineName */.iE)(plan.request)}: ${plan.title}`,
        what,
        ...rest,
        (0,print_gate/* log */.Rm) `The key itself was exchanged and published; the post step undoes what this step configured before the failure.`
    ]);
}

// EXTERNAL MODULE: ./src/registries/docker.ts + 2 modules
var registries_docker = __webpack_require__(99);
// EXTERNAL MODULE: ./src/registries/docker-helper.ts
var docker_helper = __webpack_require__(940);
;// CONCATENATED MODULE: ./src/registries/docker-login.ts





function dockerLogin(plan, step, key, record, { io, system, deadline }) {
    const docker = system.findProgram('docker');
    if (docker === undefined) {
        throw applyFailure(plan, (0,print_gate/* log */.Rm) `The docker program is no longer on PATH.`, [
            (0,print_gate/* log */.Rm) `Fix: keep docker installed for the whole job.`
        ]);
    }
    record({
        kind: 'docker-login',
        line: plan.request.line,
        host: step.host,
        username: step.username,
        configDir: step.configDir,
        keySha256: (0,fingerprint/* fingerprint */.R)(key)
    });
    const result = system.run(docker, ['login', step.host, '--username', step.username, '--password-stdin'], { input: key, env: { DOCKER_CONFIG: step.configDir }, deadline });
    const secrets = [key, (0,registries_docker/* basicAuth */.tB)(step.username, key)];
    if (result.stderr.trim() !== '')
        io.debug((0,print_gate/* log */.Rm) `docker${(0,docker_helper/* saidOnStderr */.bn)(result.stderr, secrets)}`);
    if (result.status !== 0) {
        throw applyFailure(plan, (0,print_gate/* log */.Rm) `docker login ${step.host} --username ${step.username} --password-stdin failed (${result.error ?? `exit code ${result.status}`})${(0,docker_helper/* saidOnStderr */.bn)(result.stderr, secrets)}.`, [
            (0,print_gate/* log */.Rm) `Likely cause: the registry refused the key (is ${step.host} the organization's docker host, and may the service account read it?), or the registry cannot be reached from the runner.`,
            (0,print_gate/* log */.Rm) `Fix: check the host= of this line and the service account's access to the repository; the key itself works for the API (the exchange succeeded).`
        ]);
    }
    io.info((0,print_gate/* log */.Rm) `  Logged docker in to ${step.host} as ${step.username}.`);
}

// EXTERNAL MODULE: ./src/registries/plan.ts
var plan = __webpack_require__(988);
// EXTERNAL MODULE: ./src/registries/record.ts
var registries_record = __webpack_require__(42);
;// CONCATENATED MODULE: ./src/registries/apply.ts









function resolveValue(value, key) {
    return value.map((part) => (part === plan/* KEY */._ ? key : part)).join('');
}
function derivedSecrets(step, key) {
    switch (step.kind) {
        case 'docker-login':
            return [(0,registries_docker/* basicAuth */.tB)(step.username, key)];
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
                throw applyFailure(plan, (0,print_gate/* log */.Rm) `Could not write ${step.path}: ${(0,error_message/* errorMessage */.g)(error)}`, [
                    (0,print_gate/* log */.Rm) `Likely cause: RUNNER_TEMP is not writable, or something else holds that path.`,
                    (0,print_gate/* log */.Rm) `Fix: run the action on a runner whose RUNNER_TEMP belongs to the job.`
                ]);
            }
            record({ kind: 'file', line, path: step.path, ...identity });
            io.info((0,print_gate/* log */.Rm) `  Wrote ${step.path} (mode 0600).`);
            return;
        }
        case 'env': {
            const value = resolveValue(step.value, key);
            io.exportVariable(step.name, value);
            record({
                kind: 'env',
                line,
                name: step.name,
                sha256: (0,fingerprint/* fingerprint */.R)(value),
                restore: step.restore
            });
            io.info((0,print_gate/* log */.Rm) `  Exported ${step.name}.`);
            return;
        }
        case 'docker-login':
            dockerLogin(plan, step, key, record, options);
            return;
    }
}


/***/ }),

/***/ 931:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  KK: () => (/* binding */ holdsCredential),
  TO: () => (/* binding */ readDockerConfig)
});

// UNUSED EXPORTS: EMPTY_CONFIG, decodeAuth

;// CONCATENATED MODULE: ./src/registries/go-json.ts
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

const EMPTY_CONFIG = {
    auths: new Map(),
    credsStore: '',
    credHelpers: undefined,
    written: []
};
function holdsCredential(entry) {
    return (entry !== undefined &&
        [entry.username, entry.password, entry.identityToken, entry.registryToken].some((value) => value !== ''));
}
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


/***/ }),

/***/ 30:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LS: () => (/* binding */ defaultStore),
/* harmony export */   PX: () => (/* binding */ logoutAddresses),
/* harmony export */   UR: () => (/* binding */ convertToHostname),
/* harmony export */   fV: () => (/* binding */ storeFor)
/* harmony export */ });
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
function logoutAddresses(host) {
    return [host, `http://${host}`, `https://${host}`];
}
function storeFor(config, address, defaultStore) {
    const helper = config.credHelpers?.get(address);
    if (helper !== undefined)
        return helper;
    if (config.credsStore !== '')
        return config.credsStore;
    const containsAuth = (config.credHelpers?.size ?? 0) > 0 || config.auths.size > 0;
    return containsAuth ? '' : defaultStore;
}
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


/***/ }),

/***/ 233:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Li: () => (/* binding */ dockerHolder),
/* harmony export */   Lw: () => (/* binding */ standingLogins)
/* harmony export */ });
/* unused harmony export helperAnswerIsOurs */
/* harmony import */ var _fingerprint_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(659);
/* harmony import */ var _docker_config_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(931);
/* harmony import */ var _docker_stores_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(30);



function standingLogins(config, host, defaultStore, ask) {
    const found = [];
    const addresses = (0,_docker_stores_js__WEBPACK_IMPORTED_MODULE_2__/* .logoutAddresses */ .PX)(host);
    const seen = new Set();
    for (const { address, holds } of config.written) {
        if (!holds || seen.has(address))
            continue;
        if (addresses.includes(address) || (0,_docker_stores_js__WEBPACK_IMPORTED_MODULE_2__/* .convertToHostname */ .UR)(address) === host) {
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
        const store = (0,_docker_stores_js__WEBPACK_IMPORTED_MODULE_2__/* .storeFor */ .fV)(config, address, defaultStore);
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
function droppedOnWrite(config) {
    const written = new Map();
    for (const { address, holds } of config.written) {
        if (holds)
            written.set(address, (written.get(address) ?? 0) + 1);
    }
    return [...written]
        .filter(([address, count]) => count > ((0,_docker_config_js__WEBPACK_IMPORTED_MODULE_1__/* .holdsCredential */ .KK)(config.auths.get(address)) ? 1 : 0))
        .map(([address]) => address);
}
function dockerHolder(config, login, defaultStore, ask) {
    const holder = hostHolder(config, login, defaultStore, ask);
    if (holder.kind !== 'ours')
        return holder;
    for (const address of (0,_docker_stores_js__WEBPACK_IMPORTED_MODULE_2__/* .logoutAddresses */ .PX)(login.host).slice(1)) {
        if ((0,_docker_config_js__WEBPACK_IMPORTED_MODULE_1__/* .holdsCredential */ .KK)(config.auths.get(address))) {
            return { kind: 'shared', address, store: 'config.json' };
        }
        const store = (0,_docker_stores_js__WEBPACK_IMPORTED_MODULE_2__/* .storeFor */ .fV)(config, address, defaultStore);
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
function hostHolder(config, login, defaultStore, ask) {
    const store = (0,_docker_stores_js__WEBPACK_IMPORTED_MODULE_2__/* .storeFor */ .fV)(config, login.host, defaultStore);
    if (store === '') {
        const entry = config.auths.get(login.host) ??
            [...config.auths].find(([address]) => (0,_docker_stores_js__WEBPACK_IMPORTED_MODULE_2__/* .convertToHostname */ .UR)(address) === login.host)?.[1];
        if (!(0,_docker_config_js__WEBPACK_IMPORTED_MODULE_1__/* .holdsCredential */ .KK)(entry))
            return { kind: 'none' };
        const ours = entry.username === login.username &&
            (0,_fingerprint_js__WEBPACK_IMPORTED_MODULE_0__/* .fingerprint */ .R)(entry.password) === login.keySha256 &&
            entry.identityToken === '' &&
            entry.registryToken === '';
        return { kind: ours ? 'ours' : 'other' };
    }
    const read = ask(store, login.host);
    if (read.kind !== 'found')
        return read;
    return { kind: helperAnswerIsOurs(read.answer, login) ? 'ours' : 'other' };
}
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
        (0,_fingerprint_js__WEBPACK_IMPORTED_MODULE_0__/* .fingerprint */ .R)(secret) === login.keySha256);
}


/***/ }),

/***/ 99:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  tB: () => (/* binding */ basicAuth),
  T3: () => (/* binding */ docker),
  dO: () => (/* binding */ dockerConfigFile)
});

// UNUSED EXPORTS: DOCKER_HOST, DOCKER_USERNAME, dockerConfigDir

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(760);
// EXTERNAL MODULE: ./src/registries/docker-config.ts + 1 modules
var docker_config = __webpack_require__(931);
// EXTERNAL MODULE: ./src/registries/paths.ts
var registries_paths = __webpack_require__(59);
// EXTERNAL MODULE: ./src/registries/request.ts
var registries_request = __webpack_require__(778);
;// CONCATENATED MODULE: ./src/registries/docker-guard.ts



function setOwnConfig(platform) {
    return platform === 'win32'
        ? `"DOCKER_CONFIG=$env:RUNNER_TEMP\\docker" >> $env:GITHUB_ENV`
        : `echo "DOCKER_CONFIG=$RUNNER_TEMP/docker" >> "$GITHUB_ENV"`;
}
function ownConfig(platform) {
    return `give docker a config of its own for this job (later steps then see only the logins made in it): in a step before this one, run: ${setOwnConfig(platform)}`;
}
const WHERE_KEY_GOES = `docker keeps its stored key (base64 of the user name and the key) in that folder until the post step, where an upload-artifact or cache step could pick it up`;
const fixPlace = (platform) => `point DOCKER_CONFIG at a folder under RUNNER_TEMP (in a step before this one, run: ${setOwnConfig(platform)}), or unset it.`;
function placeRefusal(request, context, configDir, configFile) {
    const windows = context.platform === 'win32';
    const paths = windows ? external_node_path_.win32 : external_node_path_.posix;
    const configured = context.env['DOCKER_CONFIG'];
    const full = windows ? /^(?:[A-Za-z]:[\\/]|[\\/]{2})/ : /^\//;
    if (configured && !full.test(configured)) {
        return {
            problem: `${(0,registries_request/* lineName */.iE)(request)}: DOCKER_CONFIG (${configured}) is not a full path.`,
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
            problem: `${(0,registries_request/* lineName */.iE)(request)}: cannot tell where docker's config ${configFile} really is (a symbolic link leads nowhere, in a loop, or through a folder that cannot be read).`,
            cause: `docker follows the link and would write its stored key wherever it ends; ${WHERE_KEY_GOES}.`,
            fix: fixPlace(context.platform)
        };
    }
    const compared = [
        [workspace, configDir, false],
        [realWorkspace, realDir, true],
        [realWorkspace, realFile, true]
    ];
    for (const [folder, path, resolved] of compared) {
        const placement = (0,registries_paths/* placeOf */.$)(folder, path, context.platform);
        if (placement === 'outside' || (!resolved && placement !== 'inside'))
            continue;
        const really = path === configDir ? '' : ` (really ${path})`;
        if (placement === 'inside') {
            return {
                problem: `${(0,registries_request/* lineName */.iE)(request)}: docker's config ${path === realFile ? configFile : configDir}${really} lies inside the workspace (GITHUB_WORKSPACE, ${workspace}).`,
                cause: `DOCKER_CONFIG (or HOME) points into the workspace, directly or through a symbolic link; ${WHERE_KEY_GOES}.`,
                fix: fixPlace(context.platform)
            };
        }
        return {
            problem: `${(0,registries_request/* lineName */.iE)(request)}: cannot tell whether docker's config folder ${configDir} lies inside the workspace (GITHUB_WORKSPACE, ${workspace}): ${placement.unknown}.`,
            cause: `the path is in a form the step cannot compare by the file system's rules; ${WHERE_KEY_GOES}.`,
            fix: fixPlace(context.platform)
        };
    }
    return undefined;
}
function modeRefusal(request, context, configFile) {
    if (context.platform === 'win32')
        return undefined;
    const mode = context.inspectPath?.(configFile).mode;
    if (mode === undefined || (mode & 0o077) === 0)
        return undefined;
    return {
        problem: `${(0,registries_request/* lineName */.iE)(request)}: ${configFile} has mode ${(mode & 0o777).toString(8).padStart(4, '0')}: other users of this machine can read it, and docker keeps a file's mode when it rewrites it, so they could read the key docker stores there.`,
        cause: `the file was created with a loose umask, or copied in by an earlier step.`,
        fix: `run chmod 600 ${configFile} before this step, or ${ownConfig(context.platform)}.`
    };
}

// EXTERNAL MODULE: ./src/registries/docker-stores.ts
var docker_stores = __webpack_require__(30);
// EXTERNAL MODULE: ./src/registries/docker-view.ts
var docker_view = __webpack_require__(233);
;// CONCATENATED MODULE: ./src/registries/docker-refresh.ts

function helperPlan(request, line) {
    if (line.ownHelper !== undefined) {
        return {
            problems: [],
            refusals: [
                {
                    problem: `${(0,registries_request/* lineName */.iE)(request)}: ${line.configFile} already names the credential helper '${line.ownHelper}' for ${line.host}; refresh would replace it.`,
                    cause: 'the runner or an earlier step set docker up to ask that helper for this registry.',
                    fix: 'give docker its own config for this job (set DOCKER_CONFIG to a new folder under RUNNER_TEMP before this step), or remove that entry before this step.'
                }
            ]
        };
    }
    if (line.username !== line.defaultUsername) {
        return {
            problems: [
                `${(0,registries_request/* lineName */.iE)(request)}: with refresh: true the helper answers docker with the user name ${line.defaultUsername}; remove username=${line.username}, or set refresh: false.`
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

// EXTERNAL MODULE: ./src/read-file.ts
var read_file = __webpack_require__(834);
;// CONCATENATED MODULE: ./src/registries/docker.ts








const DOCKER_HOST = 'docker.cloudsmith.io';
const DOCKER_USERNAME = 'token';
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9_.@+-]{0,127}$/;
function host(request) {
    return request.options.get('host') ?? DOCKER_HOST;
}
function dockerConfigDir(context) {
    const paths = context.platform === 'win32' ? external_node_path_.win32 : external_node_path_.posix;
    const configured = context.env['DOCKER_CONFIG'];
    return configured ? paths.resolve(configured) : paths.join(context.homeDir, '.docker');
}
function dockerConfigFile(configDir, platform) {
    return (platform === 'win32' ? external_node_path_.win32 : external_node_path_.posix).join(configDir, 'config.json');
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
        const store = (0,docker_stores/* defaultStore */.LS)(context.platform, (name) => context.findProgram?.(name) !== undefined);
        const ask = (helper, address) => context.readCredentialHelper?.(helper, address, configDir) ?? {
            kind: 'unknown',
            why: `docker's credential store could not be asked`
        };
        const standing = [
            ...(0,docker_view/* standingLogins */.Lw)(read.config, registry, store, ask),
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
                pinStore: read.config.credsStore === ''
                    ? (0,docker_stores/* storeFor */.fV)(read.config, registry, store) || undefined
                    : undefined
            });
        }
        const hostStore = (0,docker_stores/* storeFor */.fV)(read.config, registry, store);
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
function variableLogin(text, registry) {
    if (!text)
        return [];
    const read = (0,docker_config/* readDockerConfig */.TO)(text);
    return read.ok && (0,docker_config/* holdsCredential */.KK)(read.config.auths.get(registry))
        ? [{ kind: 'variable', address: registry }]
        : [];
}
function readConfig(context, configFile) {
    let text;
    try {
        text = context.readFile(configFile);
    }
    catch (error) {
        if (error instanceof read_file/* UnreadableFileError */.o2)
            return { ok: false, why: error.message };
        throw error;
    }
    if (text === undefined && context.inspectPath?.(configFile).exists === true) {
        return { ok: false, why: 'it cannot be read (not a regular file, or no permission)' };
    }
    return (0,docker_config/* readDockerConfig */.TO)(text);
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
                problem: `${(0,registries_request/* lineName */.iE)(request)}: docker already holds a login for ${registry} in ${configFile}, under "${found.address}".`,
                cause: STANDING_CAUSE(registry),
                fix
            };
        case 'store':
            return {
                problem: `${(0,registries_request/* lineName */.iE)(request)}: docker's credential store '${found.store}' already holds a login for "${found.address}", which docker uses or erases for ${registry}.`,
                cause: STANDING_CAUSE(registry),
                fix
            };
        case 'unknown':
            return {
                problem: `${(0,registries_request/* lineName */.iE)(request)}: cannot tell whether docker already holds a login for "${found.address}" (${registry}): ${found.why}.`,
                cause: `docker's credential store '${found.store}' did not answer (a locked keychain, or its program missing on this runner).`,
                fix: `make docker-credential-${found.store} answer (for example, unlock its keychain), or ${ownConfig(platform)}.`
            };
        case 'variable':
            return {
                problem: `${(0,registries_request/* lineName */.iE)(request)}: DOCKER_AUTH_CONFIG holds a login for ${registry}.`,
                cause: `docker takes a login from DOCKER_AUTH_CONFIG before its config, so it would go on using that one, not this step's.`,
                fix: `unset DOCKER_AUTH_CONFIG for this step and the steps that should use this step's login, or leave this line out.`
            };
        case 'dropped':
            return {
                problem: `${(0,registries_request/* lineName */.iE)(request)}: docker reads ${configFile} differently from how it is written: the login for "${found.address}" is written more than once (or auths is set again after it), docker keeps only its last reading, and would lose the rest when it writes the file back after logging in.`,
                cause: `the file was written by hand or by a tool other than docker.`,
                fix: `leave one entry per address and one auths in that file, or ${ownConfig(platform)}.`
            };
    }
}
function unreadable(request, platform, configFile, why) {
    return {
        problem: `${(0,registries_request/* lineName */.iE)(request)}: docker cannot read ${configFile}: ${why}. docker would warn, start from an empty config and write it back over the file, losing every login it holds.`,
        cause: `the file was written by hand or by a tool that writes what docker does not take (docker's JSON reader takes no byte order mark, and an auth must be base64 of NAME:PASSWORD).`,
        fix: `correct the file, or ${ownConfig(platform)}.`
    };
}
function basicAuth(username, key) {
    return Buffer.from(`${username}:${key}`).toString('base64');
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
/* harmony export */   UP: () => (/* reexport safe */ _record_state_js__WEBPACK_IMPORTED_MODULE_2__.UP),
/* harmony export */   pU: () => (/* reexport safe */ _record_state_js__WEBPACK_IMPORTED_MODULE_2__.pU)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(59);
/* harmony import */ var _request_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(778);
/* harmony import */ var _record_state_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(502);
/* harmony import */ var _variable_names_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(342);






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
        parsed.version !== _record_state_js__WEBPACK_IMPORTED_MODULE_2__/* .RECORD_VERSION */ .hl ||
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
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9_.@+-]{0,127}$/;
function isStep(value, rules) {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        return false;
    const step = value;
    const text = (name, valid) => {
        const field = step[name];
        return typeof field === 'string' && valid(field);
    };
    const matches = (pattern) => (field) => pattern.test(field);
    const paths = rules.platform === 'win32' ? node_path__WEBPACK_IMPORTED_MODULE_0__.win32 : node_path__WEBPACK_IMPORTED_MODULE_0__.posix;
    const line = step['line'];
    if (typeof line !== 'number' || !Number.isSafeInteger(line) || line < 1)
        return false;
    switch (step['kind']) {
        case 'file':
            return (text('path', (path) => rules.tempDir !== '' && (0,_paths_js__WEBPACK_IMPORTED_MODULE_1__/* .isInside */ .F)(rules.tempDir, path, rules.platform)) &&
                text('id', matches(/^\d+:\d+:\d+$/)) &&
                text('sha256', matches(SHA256)));
        case 'env':
            return (text('name', matches(_variable_names_js__WEBPACK_IMPORTED_MODULE_3__/* .VARIABLE_NAME */ .n)) &&
                text('sha256', matches(SHA256)) &&
                (step['restore'] === null || typeof step['restore'] === 'string'));
        case 'docker-login':
            return (text('host', (host) => (0,_request_js__WEBPACK_IMPORTED_MODULE_4__/* .hostProblem */ .Q8)(host) === undefined) &&
                text('username', matches(USERNAME)) &&
                text('configDir', (dir) => paths.isAbsolute(dir) && !/[\0\r\n]/.test(dir)) &&
                text('keySha256', matches(SHA256)));
        default:
            return false;
    }
}


/***/ }),

/***/ 778:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q8: () => (/* binding */ hostProblem),
/* harmony export */   XG: () => (/* binding */ parseRegistries),
/* harmony export */   hD: () => (/* binding */ quote),
/* harmony export */   iE: () => (/* binding */ lineName)
/* harmony export */ });
/* unused harmony exports isHostOption, atMost, formatUsage */
/* harmony import */ var _domains_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(994);

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const ENDS_IN_A_NUMBER = /(?:^|\.)(?:\d+|0x[0-9a-f]*)\.?$/i;
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
    if (match && !IPV4.test(name) && ENDS_IN_A_NUMBER.test(name)) {
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
const PROBLEMS_PER_LINE = 5;
const PROBLEMS_IN_ALL = 20;
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
    const conflicts = [...clashes(requests, rules.formats), ...missingPrograms(requests, rules)];
    return {
        requests,
        problems: atMost(problems, PROBLEMS_IN_ALL, 'input'),
        conflicts: atMost(conflicts, PROBLEMS_IN_ALL, 'input')
    };
}
function atMost(problems, max, where) {
    const told = problems.slice(0, max).map((problem) => quote(problem, PROBLEM_MAX_CHARS));
    const more = problems.length - told.length;
    if (more > 0) {
        told.push(`... and ${more} more problem(s) ${where === 'line' ? 'on that line' : "in 'registries'"}, not shown; fix the ones above first.`);
    }
    return told;
}
function quote(text, max = 60) {
    return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}
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
            problems.push(`${lineName(request)}: a second ${request.format} line (line ${first.line} is one), and only one can be in force; ${format.onlyOne}`);
            continue;
        }
        if (first === undefined)
            firstOfFormat.set(request.format, request);
        for (const host of format?.hosts(request) ?? []) {
            const id = `${request.format} ${host.toLowerCase()}`;
            const earlier = seen.get(id);
            if (earlier && earlier !== request) {
                problems.push(`${lineName(request)}: ${request.format} for ${host} is already configured on line ${earlier.line}, and the second line would undo the first. Fix: keep one ${request.format} line per host.`);
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
                problems.push(`${lineName(request)}: ${request.format} signs in by running '${program}', and no '${program}' is on PATH (the runner image has none, or a later step installs it). Fix: install it in an earlier step, or use a runner image that has it.`);
            }
        }
    }
    return problems;
}


/***/ }),

/***/ 342:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   n: () => (/* binding */ VARIABLE_NAME),
/* harmony export */   u: () => (/* binding */ asciiUpperCase)
/* harmony export */ });
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
function asciiUpperCase(name) {
    return name.replace(/[a-z]+/g, (letters) => letters.toUpperCase());
}


/***/ })

};
;
//# sourceMappingURL=331.index.js.map