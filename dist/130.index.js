exports.id = 130;
exports.ids = [130];
exports.modules = {

/***/ 375:
/***/ ((module) => {

const { hasOwnProperty } = Object.prototype

const encode = (obj, opt = {}) => {
  if (typeof opt === 'string') {
    opt = { section: opt }
  }
  opt.align = opt.align === true
  opt.newline = opt.newline === true
  opt.sort = opt.sort === true
  opt.whitespace = opt.whitespace === true || opt.align === true
  // The `typeof` check is required because accessing the `process` directly fails on browsers.
  /* istanbul ignore next */
  opt.platform = opt.platform || (typeof process !== 'undefined' && process.platform)
  opt.bracketedArray = opt.bracketedArray !== false

  /* istanbul ignore next */
  const eol = opt.platform === 'win32' ? '\r\n' : '\n'
  const separator = opt.whitespace ? ' = ' : '='
  const children = []

  const keys = opt.sort ? Object.keys(obj).sort() : Object.keys(obj)

  let padToChars = 0
  // If aligning on the separator, then padToChars is determined as follows:
  // 1. Get the keys
  // 2. Exclude keys pointing to objects unless the value is null or an array
  // 3. Add `[]` to array keys
  // 4. Ensure non empty set of keys
  // 5. Reduce the set to the longest `safe` key
  // 6. Get the `safe` length
  if (opt.align) {
    padToChars = safe(
      (
        keys
          .filter(k => obj[k] === null || Array.isArray(obj[k]) || typeof obj[k] !== 'object')
          .map(k => Array.isArray(obj[k]) ? `${k}[]` : k)
      )
        .concat([''])
        .reduce((a, b) => safe(a).length >= safe(b).length ? a : b)
    ).length
  }

  let out = ''
  const arraySuffix = opt.bracketedArray ? '[]' : ''

  for (const k of keys) {
    const val = obj[k]
    if (val && Array.isArray(val)) {
      for (const item of val) {
        out += safe(`${k}${arraySuffix}`).padEnd(padToChars, ' ') + separator + safe(item) + eol
      }
    } else if (val && typeof val === 'object') {
      children.push(k)
    } else {
      out += safe(k).padEnd(padToChars, ' ') + separator + safe(val) + eol
    }
  }

  if (opt.section && out.length) {
    out = '[' + safe(opt.section) + ']' + (opt.newline ? eol + eol : eol) + out
  }

  for (const k of children) {
    const nk = splitSections(k, '.').join('\\.')
    const section = (opt.section ? opt.section + '.' : '') + nk
    const child = encode(obj[k], {
      ...opt,
      section,
    })
    if (out.length && child.length) {
      out += eol
    }

    out += child
  }

  return out
}

function splitSections (str, separator) {
  var lastMatchIndex = 0
  var lastSeparatorIndex = 0
  var nextIndex = 0
  var sections = []

  do {
    nextIndex = str.indexOf(separator, lastMatchIndex)

    if (nextIndex !== -1) {
      lastMatchIndex = nextIndex + separator.length

      if (nextIndex > 0 && str[nextIndex - 1] === '\\') {
        continue
      }

      sections.push(str.slice(lastSeparatorIndex, nextIndex))
      lastSeparatorIndex = nextIndex + separator.length
    }
  } while (nextIndex !== -1)

  sections.push(str.slice(lastSeparatorIndex))

  return sections
}

const decode = (str, opt = {}) => {
  opt.bracketedArray = opt.bracketedArray !== false
  const out = Object.create(null)
  let p = out
  let section = null
  //          section          |key      = value
  const re = /^\[([^\]]*)\]\s*$|^([^=]+)(=(.*))?$/i
  const lines = str.split(/[\r\n]+/g)
  const duplicates = {}

  for (const line of lines) {
    if (!line || line.match(/^\s*[;#]/) || line.match(/^\s*$/)) {
      continue
    }
    const match = line.match(re)
    if (!match) {
      continue
    }
    if (match[1] !== undefined) {
      section = unsafe(match[1])
      if (section === '__proto__') {
        // not allowed
        // keep parsing the section, but don't attach it.
        p = Object.create(null)
        continue
      }
      p = out[section] = out[section] || Object.create(null)
      continue
    }
    const keyRaw = unsafe(match[2])
    let isArray
    if (opt.bracketedArray) {
      isArray = keyRaw.length > 2 && keyRaw.slice(-2) === '[]'
    } else {
      duplicates[keyRaw] = (duplicates?.[keyRaw] || 0) + 1
      isArray = duplicates[keyRaw] > 1
    }
    const key = isArray && keyRaw.endsWith('[]')
      ? keyRaw.slice(0, -2) : keyRaw

    if (key === '__proto__') {
      continue
    }
    const valueRaw = match[3] ? unsafe(match[4]) : true
    const value = valueRaw === 'true' ||
      valueRaw === 'false' ||
      valueRaw === 'null' ? JSON.parse(valueRaw)
      : valueRaw

    // Convert keys with '[]' suffix to an array
    if (isArray) {
      if (!hasOwnProperty.call(p, key)) {
        p[key] = []
      } else if (!Array.isArray(p[key])) {
        p[key] = [p[key]]
      }
    }

    // safeguard against resetting a previously defined
    // array by accidentally forgetting the brackets
    if (Array.isArray(p[key])) {
      p[key].push(value)
    } else {
      p[key] = value
    }
  }

  // {a:{y:1},"a.b":{x:2}} --> {a:{y:1,b:{x:2}}}
  // use a filter to return the keys that have to be deleted.
  const remove = []
  for (const k of Object.keys(out)) {
    if (!hasOwnProperty.call(out, k) ||
      typeof out[k] !== 'object' ||
      Array.isArray(out[k])) {
      continue
    }

    // see if the parent section is also an object.
    // if so, add it to that, and mark this one for deletion
    const parts = splitSections(k, '.')
    p = out
    const l = parts.pop()
    const nl = l.replace(/\\\./g, '.')
    for (const part of parts) {
      if (part === '__proto__') {
        continue
      }
      if (!hasOwnProperty.call(p, part) || typeof p[part] !== 'object') {
        p[part] = Object.create(null)
      }
      p = p[part]
    }
    if (p === out && nl === l) {
      continue
    }

    p[nl] = out[k]
    remove.push(k)
  }
  for (const del of remove) {
    delete out[del]
  }

  return out
}

const isQuoted = val => {
  return (val.startsWith('"') && val.endsWith('"')) ||
    (val.startsWith("'") && val.endsWith("'"))
}

const safe = val => {
  if (
    typeof val !== 'string' ||
    val.match(/[=\r\n]/) ||
    val.match(/^\[/) ||
    (val.length > 1 && isQuoted(val)) ||
    val !== val.trim()
  ) {
    return JSON.stringify(val)
  }
  return val.split(';').join('\\;').split('#').join('\\#')
}

const unsafe = val => {
  val = (val || '').trim()
  if (isQuoted(val)) {
    // remove the single quotes before calling JSON.parse
    if (val.charAt(0) === "'") {
      val = val.slice(1, -1)
    }
    try {
      val = JSON.parse(val)
    } catch {
      // ignore errors
    }
  } else {
    // walk the val to find the first not-escaped ; character
    let esc = false
    let unesc = ''
    for (let i = 0, l = val.length; i < l; i++) {
      const c = val.charAt(i)
      if (esc) {
        if ('\\;#'.indexOf(c) !== -1) {
          unesc += c
        } else {
          unesc += '\\' + c
        }

        esc = false
      } else if (';#'.indexOf(c) !== -1) {
        break
      } else if (c === '\\') {
        esc = true
      } else {
        unesc += c
      }
    }
    if (esc) {
      unesc += '\\'
    }

    return unesc.trim()
  }
  return val
}

module.exports = {
  parse: decode,
  decode,
  stringify: encode,
  encode,
  safe,
  unsafe,
}


/***/ }),

/***/ 130:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

"use strict";
// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  applyPlans: () => (/* reexport */ apply/* applyPlans */.JI),
  applyRefresh: () => (/* reexport */ step/* applyRefresh */.ok),
  dryRunLines: () => (/* binding */ stage_dryRunLines),
  parser: () => (/* binding */ parser),
  plan: () => (/* binding */ stage_plan),
  planContext: () => (/* binding */ planContext),
  setUpRefresh: () => (/* reexport */ step/* setUpRefresh */.fR),
  summary: () => (/* binding */ summary)
});

// EXTERNAL MODULE: ./src/refresh/step.ts + 8 modules
var step = __webpack_require__(331);
// EXTERNAL MODULE: ./src/registries/apply.ts + 2 modules
var apply = __webpack_require__(606);
// EXTERNAL MODULE: ./src/print-gate.ts
var print_gate = __webpack_require__(286);
// EXTERNAL MODULE: ./src/registries/plan.ts
var plan = __webpack_require__(988);
;// CONCATENATED MODULE: ./src/registries/describe.ts


function shown(value) {
    return value.value.map((part) => (part === plan/* KEY */._ ? '***' : part)).join('');
}
function dryRunLines(plans) {
    if (plans.length === 0)
        return [];
    const lines = [(0,print_gate/* log */.Rm) `Dry run: the registries input would apply these plans after the exchange:`];
    for (const plan of plans) {
        lines.push((0,print_gate/* log */.Rm) `  Line ${plan.request.line} (${plan.request.text}): ${plan.title}`);
        for (const step of plan.steps) {
            switch (step.kind) {
                case 'file':
                    lines.push((0,print_gate/* log */.Rm) `    write ${step.path} (mode 0600, ${step.content.split('\n').length} lines)`);
                    break;
                case 'env':
                    lines.push((0,print_gate/* log */.Rm) `    export ${step.name}=${shown(step)}`);
                    break;
                case 'docker-login':
                    lines.push((0,print_gate/* log */.Rm) `    run docker login ${step.host} --username ${step.username} --password-stdin (the key on standard input; DOCKER_CONFIG=${step.configDir})`);
                    break;
            }
        }
        for (const note of plan.notes)
            lines.push((0,print_gate/* log */.Rm) `    ${note}`);
    }
    lines.push((0,print_gate/* log */.Rm) `  The post step would undo each of them.`);
    return lines;
}
function registriesSummary(plans, formats) {
    if (plans.length === 0)
        return (0,print_gate/* joinMarkdown */.UF)([]);
    const list = (items) => items.length === 0 ? (0,print_gate/* gfm */.Te) `none` : joinInline(items.map((item) => (0,print_gate/* gfm */.Te) `${item}`));
    return (0,print_gate/* joinMarkdown */.UF)([
        (0,print_gate/* gfm */.Te) `#### Package managers (undone by the post step)`,
        (0,print_gate/* gfm */.Te) ``,
        (0,print_gate/* gfm */.Te) `| Line | Format | Hosts | Files | Variables |`,
        (0,print_gate/* gfm */.Te) `| --- | --- | --- | --- | --- |`,
        ...plans.map((plan) => {
            const hosts = formats.get(plan.request.format)?.hosts(plan.request) ?? [];
            const files = plan.steps.flatMap((step) => (step.kind === 'file' ? [step.path] : []));
            const names = plan.steps.flatMap((step) => (step.kind === 'env' ? [step.name] : []));
            return (0,print_gate/* gfm */.Te) `| ${String(plan.request.line)} | ${plan.request.format} | ${list(hosts)} | ${list(files)} | ${list(names)} |`;
        }),
        (0,print_gate/* gfm */.Te) ``
    ]);
}
function joinInline(parts) {
    return parts.slice(1).reduce((all, part) => (0,print_gate/* gfm */.Te) `${all}, ${part}`, parts[0] ?? (0,print_gate/* gfm */.Te) ``);
}

// EXTERNAL MODULE: ./src/step-inputs.ts
var step_inputs = __webpack_require__(475);
// EXTERNAL MODULE: ./src/registries/domains.ts
var domains = __webpack_require__(994);
// EXTERNAL MODULE: ./src/registries/request.ts
var registries_request = __webpack_require__(778);
;// CONCATENATED MODULE: ./src/registries/cargo.ts



const API_KEY_VARIABLE = 'CLOUDSMITH_API_KEY';
const CARGO_HOST = 'cargo.cloudsmith.io';
const CARGO_AUTH_SCHEME = 'Token';
const CARGO_TOKEN_PROVIDER = 'cargo:token';
const CARGO_HELPER_PROVIDER = 'cargo:token-from-stdout';
const REGISTRY_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const CRATES_IO = 'CRATES_IO';
function registryName(request) {
    return request.options.get('name') ?? request.repository ?? '';
}
function variablePrefix(name) {
    return `CARGO_REGISTRIES_${name.toUpperCase().replaceAll('-', '_')}_`;
}
function indexUrl(request) {
    const { host, path } = (0,domains/* domainEndpoint */.aS)(request, 'host', CARGO_HOST);
    return `sparse+https://${host}${path}`;
}
const cargo = {
    format: 'cargo',
    repository: 'required',
    options: {
        name: `the Cargo registry name that Cargo.toml and --registry use (default: the repository slug)`,
        host: `the index host (default ${CARGO_HOST}; an organization's custom domain)`,
        domain: (0,domains/* domainOptionText */.Hw)('domain')
    },
    programs: [],
    hosts: (request) => [indexUrl(request).slice('sparse+https://'.length)],
    validate(request) {
        const problems = (0,domains/* cloudsmithHostProblem */.Qw)(request, 'host', CARGO_HOST);
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
                    `${(0,registries_request/* lineName */.iE)(request)}: ${clash.join(' and ')} ${clash.length === 1 ? 'is' : 'are'} already set for another registry named '${name}' (by an earlier step, the runner's environment or the workflow's env:); this line would replace ${clash.length === 1 ? 'it' : 'them'}. Give this registry another name with name=NAME, or remove the other setting.`
                ]
            };
        }
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
            if (/\s/.test(launcher)) {
                return {
                    problems: [
                        `${(0,registries_request/* lineName */.iE)(request)}: the refresh helper's launcher path ${launcher} holds white space, which Cargo's credential-provider setting cannot carry. Fix: run on a runner whose RUNNER_TEMP has no spaces, or set refresh: false.`
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
                    value: [`${CARGO_AUTH_SCHEME} `, plan/* KEY */._],
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

// EXTERNAL MODULE: ./src/registries/docker.ts + 2 modules
var docker = __webpack_require__(99);
;// CONCATENATED MODULE: ./src/registries/env-format.ts
function envFormat(spec) {
    const { variables, ...module } = spec;
    return {
        ...module,
        repository: 'required',
        programs: [],
        plan(request, context) {
            const planned = variables(request, context);
            return {
                request,
                title: planned.title,
                steps: planned.steps,
                notes: [...planned.notes, ...replacedNotes(planned.steps, context.env)]
            };
        }
    };
}
function secretVariable(name, value) {
    return { kind: 'env', name, value, secret: true, restore: '' };
}
function plainVariable(name, value, env) {
    const before = env[name] ?? '';
    return {
        kind: 'env',
        name,
        value: [value],
        secret: false,
        restore: hasUserinfo(before) ? '' : before
    };
}
function hasUserinfo(value) {
    return /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*@/.test(value.trim());
}
function replacedNotes(steps, env) {
    return steps.flatMap((step) => {
        const before = env[step.name] ?? '';
        const text = step.value.map((part) => (typeof part === 'string' ? part : '')).join('');
        if (before === '' || text === before)
            return [];
        const change = text.startsWith(`${before},`) ? 'adds to' : 'replaces';
        const post = step.restore === before
            ? 'post puts the earlier value back'
            : 'post clears it (an earlier credential is never stored to be put back)';
        return [`${step.name} was already set; this step ${change} it, and ${post}.`];
    });
}
function interferingNotes(env, table) {
    return table.flatMap(([name, effect]) => env[name] ? [`${name} is set in this job: ${effect}.`] : []);
}
function keyArgument(context) {
    return context.exportEnv
        ? '"$CLOUDSMITH_API_KEY"'
        : '"${{ steps.<this step\'s id>.outputs.token }}"';
}

;// CONCATENATED MODULE: ./src/registries/go.ts



const GO_HOST = 'golang.cloudsmith.io';
const ELEMENT = /^(?:[A-Za-z0-9._~*?-]|\[\^?[A-Za-z0-9._~-]+\])+$/;
function modulePatternProblem(pattern) {
    if (pattern === '')
        return 'an empty pattern (two commas together, or one at an end)';
    const elements = pattern.split('/');
    if (!elements.every((element) => ELEMENT.test(element))) {
        return `'${pattern}' is not a module path pattern: path elements of letters, digits, '.', '_', '~', '-' and the wildcards *, ? and [...], joined by single '/'`;
    }
    if (!/^[^/]*\./.test(pattern)) {
        return `'${pattern}' does not start with a domain name (such as example.com or *.corp.example.com); a pattern like it would take public modules out of checksum verification too`;
    }
    return undefined;
}
function modulePatterns(request) {
    const given = request.options.get('modules');
    return given === undefined ? [] : given.split(',');
}
function proxyAfterKey(request) {
    const { host, path } = (0,domains/* domainEndpoint */.aS)(request, 'host', GO_HOST);
    return { host, afterKey: `@${host}${path}` };
}
const INTERFERING = [
    [
        'GOPRIVATE',
        'go fetches the modules it matches straight from their origin, not through this proxy (GONOPROXY defaults to it)'
    ],
    [
        'GONOPROXY',
        'go fetches the modules it matches straight from their origin, not through this proxy'
    ]
];
const go = envFormat({
    format: 'go',
    options: {
        modules: 'comma-separated module path patterns of the private modules (such as example.com/acme/*), added to GONOSUMDB so go does not ask sum.golang.org about them',
        host: `the proxy host (default ${GO_HOST}; another host is an organization's custom domain)`,
        domain: (0,domains/* domainOptionText */.Hw)('domain')
    },
    onlyOne: 'go reads one GOPROXY. Keep one go line; its repository serves public modules through its Go upstream.',
    hosts: (request) => [proxyAfterKey(request).host],
    validate(request) {
        const problems = (0,domains/* cloudsmithHostProblem */.Qw)(request, 'host', GO_HOST);
        const patterns = modulePatterns(request);
        for (const pattern of patterns) {
            const problem = modulePatternProblem(pattern);
            if (problem !== undefined)
                problems.push(`modules=${patterns.join(',')} has ${problem}.`);
        }
        return problems;
    },
    variables(request, context) {
        const { host, afterKey } = proxyAfterKey(request);
        const patterns = modulePatterns(request);
        const earlier = (context.env.GONOSUMDB ?? '').split(',').filter((part) => part !== '');
        const noSumDb = [...earlier, ...patterns.filter((p) => !earlier.includes(p))].join(',');
        const shown = `https://token:***${afterKey}`;
        return {
            title: `go: every module through ${shown}${patterns.length > 0 ? `; ${patterns.join(',')} not looked up in sum.golang.org` : ''}`,
            steps: [
                secretVariable('GOPROXY', ['https://token:', plan/* KEY */._, afterKey]),
                ...(patterns.length > 0 ? [plainVariable('GONOSUMDB', noSumDb, context.env)] : [])
            ],
            notes: [
                `go downloads every module through ${host}, with no fallback to proxy.golang.org or direct (a private path missing there would be asked of the public proxy and its origin); give the repository a Go upstream for public modules.`,
                ...(patterns.length === 0
                    ? [
                        'Without modules=, go checks every module against sum.golang.org, which fails for private ones: list their paths with modules=.'
                    ]
                    : []),
                ...(context.env.GOSUMDB === 'off'
                    ? ['GOSUMDB is off in this job: go verifies no checksums, public modules included.']
                    : []),
                ...interferingNotes(context.env, INTERFERING)
            ]
        };
    }
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(760);
;// CONCATENATED MODULE: ./src/registries/maven-install.ts

const MAVEN_OPTS = 'MAVEN_OPTS';
function jvmOptions(value) {
    return (value ?? '').split(/\s+/).filter((word) => word !== '');
}
function systemProperty(options, name) {
    const prefix = `-D${name}=`;
    return options.findLast((option) => option.startsWith(prefix))?.slice(prefix.length);
}
function pathsOf(context) {
    return context.platform === 'win32' ? external_node_path_.win32 : external_node_path_.posix;
}
function javaUserHome(context) {
    const accountHome = context.accountHome && context.accountHome !== '/' ? context.accountHome : undefined;
    return (systemProperty(jvmOptions(context.env[MAVEN_OPTS]), 'user.home') ??
        systemProperty(jvmOptions(context.env['JAVA_TOOL_OPTIONS']), 'user.home') ??
        accountHome ??
        context.homeDir);
}
function userSettingsPath(context) {
    return pathsOf(context).join(javaUserHome(context), '.m2', 'settings.xml');
}
function userSettingsPaths(context) {
    const args = jvmOptions(context.env['MAVEN_ARGS']);
    const named = args.flatMap((arg, i) => {
        if (arg === '-s' || arg === '--settings')
            return args.slice(i + 1, i + 2);
        return arg.startsWith('--settings=') ? [arg.slice('--settings='.length)] : [];
    });
    const paths = pathsOf(context);
    return [userSettingsPath(context), ...named.filter((file) => paths.isAbsolute(file))];
}
function findInstallation(context) {
    const paths = pathsOf(context);
    const program = context.resolveProgram?.('mvn');
    const fromPath = program !== undefined && paths.basename(paths.dirname(program)) === 'bin'
        ? paths.dirname(paths.dirname(program))
        : undefined;
    const homes = [fromPath, context.env['MAVEN_HOME'], context.env['M2_HOME']];
    for (const home of homes) {
        if (!home)
            continue;
        const conf = paths.join(home, 'conf');
        const logging = context.readFile(paths.join(conf, 'logging', 'simplelogger.properties'));
        if (logging === undefined)
            continue;
        return {
            conf,
            logging,
            settings: context.readFile(paths.join(conf, 'settings.xml')),
            toolchains: context.readFile(paths.join(conf, 'toolchains.xml'))
        };
    }
    return undefined;
}
const STOCK_LOGGING = [
    'org.slf4j.simpleLogger.defaultLogLevel=info',
    'org.slf4j.simpleLogger.showDateTime=false',
    'org.slf4j.simpleLogger.showThreadName=false',
    'org.slf4j.simpleLogger.showLogName=false',
    'org.slf4j.simpleLogger.logFile=System.out',
    'org.slf4j.simpleLogger.cacheOutputStream=true',
    'org.slf4j.simpleLogger.levelInBrackets=true',
    'org.slf4j.simpleLogger.log.Sisu=info',
    'org.slf4j.simpleLogger.warnLevelString=WARNING',
    'org.slf4j.simpleLogger.log.org.apache.http=off',
    'org.slf4j.simpleLogger.log.org.apache.http.wire=off',
    ''
].join('\n');
function confDirectory(context) {
    const paths = pathsOf(context);
    const step = (context.env['GITHUB_ACTION'] ?? '').replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
    const base = `cloudsmith-oidc-maven${step === '' ? '' : `-${step}`}`;
    for (let n = 1;; n++) {
        const dir = paths.join(context.tempDir, `${base}${n === 1 ? '' : `-${n}`}`);
        if (context.readFile(paths.join(dir, 'logging', 'simplelogger.properties')) === undefined)
            return dir;
    }
}
function isOwnConfDirectory(dir, context) {
    const paths = pathsOf(context);
    return (paths.dirname(dir) === paths.normalize(context.tempDir) &&
        paths.basename(dir).startsWith('cloudsmith-oidc-maven'));
}

;// CONCATENATED MODULE: ./src/registries/maven-xml.ts
function escapeXml(text) {
    return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}
const START_TAG = /<([A-Za-z_][^\s/>]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y;
const END_TAG = /<\/([A-Za-z_][^\s/>]*)\s*>/y;
const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d+)|#x([0-9A-Fa-f]+));/g;
const NAMED = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
function scanXml(text) {
    const elements = [];
    const open = [];
    let roots = 0;
    let at = 0;
    const fail = (what) => {
        const line = text.slice(0, at).split('\n').length;
        return { problem: `${what} (line ${line})` };
    };
    while (at < text.length) {
        const lt = text.indexOf('<', at);
        const chars = text.slice(at, lt < 0 ? text.length : lt);
        const decoded = decodeEntities(chars);
        if (decoded === undefined)
            return fail('an unknown entity or a bare &');
        const top = open.at(-1);
        if (top)
            top.text += decoded;
        else if (chars.trim() !== '')
            return fail('text outside the root element');
        if (lt < 0)
            break;
        at = lt;
        const skip = (opening, closing) => {
            if (!text.startsWith(opening, at))
                return undefined;
            const close = text.indexOf(closing, at + opening.length);
            return close < 0 ? -1 : close + closing.length;
        };
        const cdata = skip('<![CDATA[', ']]>');
        if (cdata !== undefined) {
            if (cdata < 0 || !top)
                return fail('an unclosed or misplaced CDATA section');
            top.text += text.slice(at + '<![CDATA['.length, cdata - ']]>'.length);
            at = cdata;
            continue;
        }
        const other = skip('<!--', '-->') ?? skip('<?', '?>');
        if (other !== undefined) {
            if (other < 0)
                return fail('an unclosed comment or processing instruction');
            at = other;
            continue;
        }
        if (text.startsWith('<!', at)) {
            const gt = text.indexOf('>', at);
            if (open.length > 0 || roots > 0 || gt < 0 || text.slice(at, gt).includes('['))
                return fail('a DOCTYPE with an internal subset, or in the wrong place');
            at = gt + 1;
            continue;
        }
        END_TAG.lastIndex = at;
        const end = END_TAG.exec(text);
        if (end) {
            const closing = open.pop();
            const started = closing && elements[closing.index];
            if (closing?.name !== end[1] || !started)
                return fail(`an end tag </${end[1]}> that closes nothing open`);
            elements[closing.index] = { ...started, end: END_TAG.lastIndex, text: closing.text };
            at = END_TAG.lastIndex;
            continue;
        }
        START_TAG.lastIndex = at;
        const start = START_TAG.exec(text);
        const name = start?.[1];
        if (!start || name === undefined)
            return fail('a malformed tag');
        if (open.length === 0 && roots++ > 0)
            return fail('a second root element');
        const selfClosing = start[3] === '/';
        const done = maven_xml_element(open, name, at, START_TAG.lastIndex, START_TAG.lastIndex, selfClosing);
        elements.push({ ...done, text: '' });
        if (!selfClosing)
            open.push({ name, index: elements.length - 1, text: '' });
        at = START_TAG.lastIndex;
    }
    if (open.length > 0)
        return fail(`<${open.at(-1)?.name}> is never closed`);
    if (roots === 0)
        return fail('no root element');
    return elements;
}
function maven_xml_element(ancestors, name, start, openEnd, end, selfClosing) {
    const path = [...ancestors.map((a) => a.name), name];
    return { path, start, openEnd, end, selfClosing, text: '' };
}
function decodeEntities(chars) {
    let bad = chars.replace(ENTITY, '').includes('&');
    const decoded = chars.replace(ENTITY, (_, named, dec, hex) => {
        if (named)
            return NAMED[named] ?? '';
        const code = Number.parseInt(dec ?? hex ?? '', dec ? 10 : 16);
        if (code > 0x10ffff)
            bad = true;
        return bad ? '' : String.fromCodePoint(code);
    });
    return bad ? undefined : decoded;
}

;// CONCATENATED MODULE: ./src/registries/maven-settings.ts

const SERVERS = ['settings', 'servers'];
const SERVER_ID = ['settings', 'servers', 'server', 'id'];
function isAt(element, path) {
    return element.path.length === path.length && element.path.every((name, i) => name === path[i]);
}
function serverIds(text) {
    const elements = scanXml(text);
    if ('problem' in elements)
        return elements;
    const root = elements[0];
    if (root?.path[0] !== 'settings')
        return { problem: 'its root element is not <settings>' };
    return elements.filter((element) => isAt(element, SERVER_ID)).map((e) => e.text.trim());
}
function serverElements(servers, indent) {
    const comment = `${indent}<!-- added by cloudsmith-oidc-action for this job; its post step removes this file -->`;
    const entries = servers.map((server) => [
        `${indent}<server>`,
        `${indent}  <id>${escapeXml(server.id)}</id>`,
        `${indent}  <username>${escapeXml(server.username)}</username>`,
        `${indent}  <password>${escapeXml(server.password)}</password>`,
        `${indent}</server>`
    ].join('\n'));
    return [comment, ...entries].join('\n');
}
function settingsWithServers(servers) {
    return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0"',
        '          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
        '          xsi:schemaLocation="http://maven.apache.org/SETTINGS/1.0.0 https://maven.apache.org/xsd/settings-1.0.0.xsd">',
        '  <servers>',
        serverElements(servers, '    '),
        '  </servers>',
        '</settings>',
        ''
    ].join('\n');
}
function addServers(original, servers) {
    const elements = scanXml(original);
    if ('problem' in elements)
        return elements;
    const root = elements[0];
    if (root?.path[0] !== 'settings')
        return { problem: 'its root element is not <settings>' };
    const list = elements.find((element) => isAt(element, SERVERS));
    const splice = (from, to, text) => original.slice(0, from) + text + original.slice(to);
    const block = `<servers>\n${serverElements(servers, '    ')}\n  </servers>`;
    if (list === undefined && root.selfClosing) {
        const tag = original.slice(root.start, root.end).replace(/\s*\/>$/, '>');
        return splice(root.start, root.end, `${tag}\n  ${block}\n</settings>`);
    }
    if (list === undefined)
        return splice(root.openEnd, root.openEnd, `\n  ${block}`);
    if (list.selfClosing)
        return splice(list.start, list.end, block);
    return splice(list.openEnd, list.openEnd, `\n${serverElements(servers, '    ')}`);
}

;// CONCATENATED MODULE: ./src/registries/maven.ts





const MAVEN_DOWNLOAD_HOST = 'dl.cloudsmith.io';
const MAVEN_UPLOAD_HOST = 'maven.cloudsmith.io';
const MAVEN_USERNAME = 'token';
const DEFAULT_SERVER_ID = 'cloudsmith';
const MAVEN_KEY_REFERENCE = '${env.CLOUDSMITH_API_KEY}';
const maven_SERVER_ID = /^[A-Za-z0-9_.-]+$/;
function serverId(request) {
    return request.options.get('id') ?? DEFAULT_SERVER_ID;
}
function mavenEndpoints(request) {
    const download = (0,domains/* domainEndpoint */.aS)(request, 'host', MAVEN_DOWNLOAD_HOST);
    const upload = (0,domains/* domainEndpoint */.aS)(request, 'upload-host', MAVEN_UPLOAD_HOST);
    return {
        download: `https://${download.host}/basic${download.path}maven/`,
        upload: `https://${upload.host}${upload.path}`
    };
}
function mavenHosts(request) {
    const { download, upload } = mavenEndpoints(request);
    return [download, upload].map((url) => url.slice('https://'.length));
}
function mavenHostProblems(request) {
    return [
        ...(0,domains/* cloudsmithHostProblem */.Qw)(request, 'host', MAVEN_DOWNLOAD_HOST),
        ...(0,domains/* cloudsmithHostProblem */.Qw)(request, 'upload-host', MAVEN_UPLOAD_HOST)
    ];
}
const maven = {
    format: 'maven',
    repository: 'required',
    options: {
        id: `the id of the repository or distributionManagement entry in your POM that gets the key (default ${DEFAULT_SERVER_ID}; letters, digits, '.', '_' and '-')`,
        host: `the download host (default ${MAVEN_DOWNLOAD_HOST}; an organization's custom download domain)`,
        domain: (0,domains/* domainOptionText */.Hw)('domain'),
        'upload-host': `the host deploys go to (default ${MAVEN_UPLOAD_HOST}; an organization's custom Maven domain)`,
        'upload-domain': (0,domains/* domainOptionText */.Hw)('upload-domain')
    },
    programs: [],
    hosts: mavenHosts,
    validate(request) {
        const problems = mavenHostProblems(request);
        const id = request.options.get('id');
        if (id !== undefined && !maven_SERVER_ID.test(id)) {
            problems.push(`id=${id} is not a Maven repository id: letters, digits, '.', '_' and '-' only.`);
        }
        return problems;
    },
    plan(request, context) {
        const planned = planMaven([request], context);
        return 'problems' in planned ? planned : planned[0];
    },
    planAll: planMaven
};
function planMaven(requests, context) {
    const paths = context.platform === 'win32' ? external_node_path_.win32 : external_node_path_.posix;
    const servers = requests.map((request) => ({
        id: serverId(request),
        username: MAVEN_USERNAME,
        password: MAVEN_KEY_REFERENCE
    }));
    const options = jvmOptions(context.env[MAVEN_OPTS]);
    const earlierConf = systemProperty(options, 'maven.conf');
    const ownEarlier = earlierConf !== undefined && isOwnConfDirectory(earlierConf, context);
    const installation = findInstallation(context);
    const userFiles = userSettingsPaths(context);
    const problems = [
        ...requests.flatMap((request, index) => lineProblems(request, requests.slice(0, index), context)),
        ...machineProblems(context, earlierConf, ownEarlier),
        ...userFiles.flatMap((file) => clashes(requests, context.readFile(file), file, 'your user settings')),
        ...clashes(requests, installation?.settings, paths.join(installation?.conf ?? '', 'settings.xml'), "the Maven installation's global settings")
    ];
    const global = installation?.settings === undefined
        ? settingsWithServers(servers)
        : addServers(installation.settings, servers);
    if (problems.length > 0 || typeof global !== 'string')
        return { problems };
    const dir = confDirectory(context);
    const kept = options.filter((option) => !(ownEarlier && option === `-Dmaven.conf=${earlierConf}`));
    const previous = context.env[MAVEN_OPTS] ?? '';
    const steps = [
        { kind: 'file', path: paths.join(dir, 'settings.xml'), content: global },
        {
            kind: 'file',
            path: paths.join(dir, 'logging', 'simplelogger.properties'),
            content: installation?.logging ?? STOCK_LOGGING
        },
        ...(installation?.toolchains === undefined
            ? []
            : [
                {
                    kind: 'file',
                    path: paths.join(dir, 'toolchains.xml'),
                    content: installation.toolchains
                }
            ]),
        {
            kind: 'env',
            name: MAVEN_OPTS,
            value: [[...kept, `-Dmaven.conf=${dir}`].join(' ')],
            secret: false,
            restore: previous
        }
    ];
    const shared = [
        `${MAVEN_OPTS} gets -Dmaven.conf=${dir}: Maven reads its global settings from there (${installation === undefined ? "no Maven installation was found on PATH or in MAVEN_HOME, so they hold only these servers, with Maven's stock logging configuration" : `a copy of ${installation.conf} with these servers added`}) and still reads ${userFiles.join(' or ')}, which this step does not write. A step that sets ${MAVEN_OPTS} in its own env: replaces this value; add \${{ env.${MAVEN_OPTS} }} to it.`
    ];
    return requests.map((request, index) => {
        const id = serverId(request);
        const { download, upload } = mavenEndpoints(request);
        return {
            request,
            title: `maven: server '${id}' as ${MAVEN_USERNAME} for ${download} and ${upload}`,
            steps: index === 0 ? steps : [],
            notes: [
                `Maven sends the key to every repository, plugin repository, mirror and distributionManagement entry whose id is '${id}', whatever its URL: give that id only to ${download} (downloads) and ${upload} (deploys).`,
                ...(index === 0 ? shared : [])
            ]
        };
    });
}
function lineProblems(request, earlier, context) {
    const id = serverId(request);
    const problems = [];
    if (!context.exportEnv) {
        problems.push(`${(0,registries_request/* lineName */.iE)(request)}: maven needs export-env: true. The settings this step writes refer to the key as ${MAVEN_KEY_REFERENCE}, which Maven reads from the environment of later steps; with export-env: false the variable is not there. Set export-env: true.`);
    }
    const same = earlier.find((other) => serverId(other) === id);
    if (same !== undefined) {
        problems.push(`${(0,registries_request/* lineName */.iE)(request)}: line ${same.line} already sets the Maven server '${id}'; Maven matches credentials by id alone, so give each line its own id=.`);
    }
    return problems;
}
function machineProblems(context, earlierConf, ownEarlier) {
    const where = `Input 'registries' (maven)`;
    const problems = [];
    if (earlierConf !== undefined && !ownEarlier) {
        problems.push(`${where}: ${MAVEN_OPTS} already sets -Dmaven.conf=${earlierConf}, and maven lines point it at a settings directory of their own; remove it from ${MAVEN_OPTS}, or add the servers to that directory's settings.xml yourself.`);
    }
    const args = jvmOptions(context.env['MAVEN_ARGS']);
    if (args.some((arg) => arg === '-gs' || arg.startsWith('--global-settings'))) {
        problems.push(`${where}: MAVEN_ARGS names other global settings (-gs), so Maven would not read the servers this step adds; remove -gs from MAVEN_ARGS.`);
    }
    if (/\s/.test(context.tempDir)) {
        problems.push(`${where}: RUNNER_TEMP (${context.tempDir}) holds whitespace, and the mvn script splits ${MAVEN_OPTS} at whitespace; run on a runner whose RUNNER_TEMP has none.`);
    }
    return problems;
}
function clashes(requests, text, file, what) {
    if (text === undefined)
        return [];
    const ids = serverIds(text);
    if ('problem' in ids) {
        return [
            `Input 'registries' (maven): ${what} (${file}) cannot be read as Maven settings (${ids.problem}); Maven cannot read it either. Fix that file.`
        ];
    }
    return requests
        .filter((request) => ids.includes(serverId(request)))
        .map((request) => `${(0,registries_request/* lineName */.iE)(request)}: ${what} (${file}) already have a <server> with id '${serverId(request)}', which Maven would use instead of the key (this step never replaces it). Give this line another id= and use that id in your POM, or remove that server.`);
}

;// CONCATENATED MODULE: ./src/registries/gradle.ts




const GRADLE_USERNAME = 'token';
const DEFAULT_REPOSITORY_NAME = 'cloudsmith';
const PROPERTY_PREFIX = 'ORG_GRADLE_PROJECT_';
const REPOSITORY_NAME = /^[A-Za-z0-9]+$/;
function repositoryName(request) {
    return request.options.get('name') ?? DEFAULT_REPOSITORY_NAME;
}
function gradleVariables(name) {
    return {
        username: `${PROPERTY_PREFIX}${name}Username`,
        password: `${PROPERTY_PREFIX}${name}Password`
    };
}
const gradle = {
    format: 'gradle',
    repository: 'required',
    options: {
        name: `the name of the repository in the build script, whose credentials Gradle reads from the properties NAMEUsername and NAMEPassword (default ${DEFAULT_REPOSITORY_NAME}; letters and digits only)`,
        host: `the download host shown for the build script (default ${MAVEN_DOWNLOAD_HOST}; an organization's custom download domain)`,
        domain: (0,domains/* domainOptionText */.Hw)('domain'),
        'upload-host': `the publishing host shown for the build script (default ${MAVEN_UPLOAD_HOST}; an organization's custom Maven domain)`,
        'upload-domain': (0,domains/* domainOptionText */.Hw)('upload-domain')
    },
    programs: [],
    hosts: mavenHosts,
    validate(request) {
        const problems = mavenHostProblems(request);
        const name = request.options.get('name');
        if (name !== undefined && !REPOSITORY_NAME.test(name)) {
            problems.push(`name=${name} is not a name Gradle reads credentials for: letters and digits only (Gradle refuses '-', '_' and '.' in the identity of credentials(PasswordCredentials)).`);
        }
        return problems;
    },
    plan(request, context) {
        const name = repositoryName(request);
        const variables = gradleVariables(name);
        const username = context.env[variables.username] ?? '';
        const password = context.env[variables.password] ?? '';
        if ((username !== '' && username !== GRADLE_USERNAME) || (username === '' && password !== '')) {
            return {
                problems: [
                    `${(0,registries_request/* lineName */.iE)(request)}: ${username === '' ? variables.password : variables.username} is already set (by an earlier step, the runner's environment or the workflow's env:), so a repository named '${name}' has other credentials; this line would replace them. Give this one another name with name=NAME, or remove the other setting.`
                ]
            };
        }
        const { download, upload } = mavenEndpoints(request);
        return {
            request,
            title: `gradle: repository '${name}' as ${GRADLE_USERNAME} (${download}, ${upload})`,
            steps: [
                {
                    kind: 'env',
                    name: variables.username,
                    value: [GRADLE_USERNAME],
                    secret: false,
                    restore: username
                },
                { kind: 'env', name: variables.password, value: [plan/* KEY */._], secret: true, restore: '' }
            ],
            notes: [
                `Gradle reads the properties ${name}Username and ${name}Password from these variables: declare maven { name = "${name}"; url = uri("${download}"); credentials(PasswordCredentials) } (Gradle 6.6 and later) in repositories {}, and the same with ${upload} under publishing { repositories {} } to publish.`,
                `Gradle sends them to whatever URL that repository has: give the name '${name}' only to Cloudsmith's.`
            ]
        };
    }
};

// EXTERNAL MODULE: ./node_modules/ini/lib/ini.js
var ini = __webpack_require__(375);
// EXTERNAL MODULE: ./src/outputs.ts
var outputs = __webpack_require__(729);
;// CONCATENATED MODULE: ./src/registries/npm-registry.ts



const DEFAULT_NPM_HOST = 'npm.cloudsmith.io';
const KEY_REFERENCE = `\${${outputs/* API_KEY_VARIABLE */.C6}}`;
function registryOf(request) {
    const endpoint = (0,domains/* domainEndpoint */.aS)(request, 'host', DEFAULT_NPM_HOST);
    const host = normaliseHost(endpoint.host);
    return {
        request,
        url: `https://${host}${endpoint.path}`,
        nerfDart: `//${host}${endpoint.path}`,
        scope: request.options.get('scope')
    };
}
function registryKey(registry) {
    return registry.scope === undefined ? 'registry' : `${registry.scope}:registry`;
}
function tokenKey(registry) {
    return `${registry.nerfDart}:_authToken`;
}
function where(registry) {
    return (0,registries_request/* lineName */.iE)(registry.request);
}
function lowerCaseHost(nerfDart) {
    const slash = nerfDart.indexOf('/', 2);
    return slash === -1
        ? nerfDart.toLowerCase()
        : nerfDart.slice(0, slash).toLowerCase() + nerfDart.slice(slash);
}
function normaliseHost(host) {
    try {
        return new URL(`https://${host}/`).host;
    }
    catch {
        return host.toLowerCase();
    }
}

// EXTERNAL MODULE: ./src/registries/variable-names.ts
var variable_names = __webpack_require__(342);
;// CONCATENATED MODULE: ./src/registries/npm-user-config.ts



const USERCONFIG_VARIABLE = 'NPM_CONFIG_USERCONFIG';
function existingConfig(context) {
    const variables = new Map(Object.entries(context.env).filter((entry) => (0,variable_names/* asciiUpperCase */.u)(entry[0]) === USERCONFIG_VARIABLE && entry[1] !== undefined));
    const named = [...new Set([...variables.values()].filter((value) => value !== ''))];
    if (named.length > 1) {
        return {
            problem: `the environment names more than one npm user config (${[...variables.keys()].join(', ')}); npm reads whichever comes last in the environment, so this step cannot tell which one to carry over. Set only one of them.`
        };
    }
    const path = named[0] === undefined
        ? joinPath(context, context.homeDir, '.npmrc')
        : expandHome(named[0], context);
    return { variables, path, text: context.readFile(path)?.replace(/^\uFEFF/, '') };
}
function iniEntries(text) {
    const entries = [];
    let topLevel = true;
    text.split(/\r\n|\r|\n/).forEach((raw, index) => {
        const [setting] = Object.entries((0,ini.decode)(raw));
        if (setting === undefined)
            return;
        const [key, value] = setting;
        if (isSection(value)) {
            topLevel = false;
            return;
        }
        const text = Array.isArray(value) ? value.map(String).join(',') : String(value);
        entries.push({ line: index + 1, key, value: text, topLevel });
    });
    return entries;
}
function isSection(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function expandHome(path, context) {
    const home = /^~(?=$|[/\\])/;
    return home.test(path) ? joinPath(context, context.homeDir, path.slice(2)) : path;
}
function joinPath(context, ...parts) {
    return context.platform === 'win32' ? external_node_path_.win32.join(...parts) : external_node_path_.posix.join(...parts);
}

;// CONCATENATED MODULE: ./src/registries/npm-config-text.ts




function replacedLines(registries, entries) {
    const keys = new Set(registries.map(registryKey));
    const tokens = new Set(registries.map(tokenKey));
    return entries.filter((entry) => keys.has(entry.key) || tokens.has(lowerCaseHost(entry.key)));
}
function configText(registries, existing, replaced, tokenHelper) {
    const settings = registries.flatMap((registry) => [
        [tokenKey(registry), KEY_REFERENCE],
        ...(tokenHelper === undefined
            ? []
            : [[`${registry.nerfDart}:tokenHelper`, tokenHelper]]),
        [registryKey(registry), registry.url]
    ]);
    const lines = [
        '; npm and pnpm user config written by cloudsmith-oidc-action for this job; its post step removes it.',
        `; No key is stored here: npm and pnpm read ${KEY_REFERENCE} from the environment.`,
        iniSettings(settings)
    ];
    if (existing.text !== undefined) {
        const commentedOut = new Set(replaced.map((entry) => entry.line));
        lines.push('', `; carried over from ${commentText(existing.path)}:`);
        existing.text.split(/\r\n|\r|\n/).forEach((line, index) => {
            lines.push(commentedOut.has(index + 1) ? `; replaced by cloudsmith-oidc-action: ${line}` : line);
        });
    }
    return `${lines.join('\n').replace(/\n*$/, '')}\n`;
}
function iniSettings(settings) {
    const text = settings.map(([key, value]) => (0,ini.encode)({ [key]: value }).trimEnd()).join('\n');
    const read = Object.entries((0,ini.decode)(text));
    if (JSON.stringify(read) !== JSON.stringify(settings)) {
        throw new Error(`the npm settings this step writes would not read back as written: ${text}`);
    }
    return text;
}
function commentText(text) {
    return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (char) => {
        return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
    });
}
function configPath(context) {
    const step = (context.env.GITHUB_ACTION ?? '').replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
    const base = `cloudsmith-oidc-npmrc${step === '' ? '' : `-${step}`}`;
    for (let n = 1;; n++) {
        const path = joinPath(context, context.tempDir, `${base}${n === 1 ? '' : `-${n}`}.npmrc`);
        if (context.readFile(path) === undefined)
            return path;
    }
}
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
            ? (variables.find(([variable]) => (0,variable_names/* asciiUpperCase */.u)(variable) === name)?.[1] ?? '')
            : (existing.variables.get(name) ?? '')
    }));
}

;// CONCATENATED MODULE: ./src/registries/npm-refusals.ts

const CREDENTIAL_FIELDS = ['_authToken', '_auth', 'username', '_password'];
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
function environmentOverrides(registries, env) {
    const problems = [];
    const set = Object.entries(env).filter((entry) => /^npm_config_/i.test(entry[0]) && entry[1] !== undefined && entry[1] !== '');
    for (const registry of registries) {
        for (const [name] of set) {
            const key = name.slice('npm_config_'.length);
            if (key.toLowerCase() === registryKey(registry)) {
                problems.push(`${where(registry)}: the environment sets ${name}, which npm and pnpm read before any config file, so the registry this line sets would not be used. Remove ${name} from the job's env, or give this line a scope= of its own.`);
            }
            else if (key.startsWith('//') && credentialClash(key, registry.nerfDart)) {
                problems.push(`${where(registry)}: the environment sets ${name}, a credential for ${registry.nerfDart} that npm reads before any config file. Remove it from the job's env: this step signs npm in to that registry.`);
            }
        }
    }
    return problems;
}
function credentialClashes(registries, entries, path) {
    const problems = [];
    for (const registry of registries) {
        for (const entry of entries) {
            if (!entry.topLevel || !entry.key.startsWith('//'))
                continue;
            if (isOwnTokenLine(entry, registry))
                continue;
            if (credentialClash(entry.key, registry.nerfDart)) {
                const field = entry.key.slice(entry.key.lastIndexOf(':') + 1);
                problems.push(`${where(registry)}: line ${entry.line} of the existing npm user config ${path} already holds a credential (${field}) for ${registry.nerfDart}, and this step will not write a second one. Remove that line (or that file from NPM_CONFIG_USERCONFIG), or drop this registries line and keep your own.`);
            }
        }
    }
    return problems;
}
function credentialClash(key, nerfDart) {
    const colon = key.lastIndexOf(':');
    if (colon === -1)
        return false;
    const field = key.slice(colon + 1);
    if (!CREDENTIAL_FIELDS.includes(field))
        return false;
    const prefix = lowerCaseHost(key.slice(0, colon));
    return prefix === nerfDart || prefix === nerfDart.slice(0, -1) || prefix.startsWith(nerfDart);
}
function isOwnTokenLine(entry, registry) {
    return entry.value === KEY_REFERENCE && lowerCaseHost(entry.key) === tokenKey(registry);
}

;// CONCATENATED MODULE: ./src/registries/npm.ts






const SCOPE = /^@[a-z0-9-][a-z0-9._-]*$/;
const SCOPE_MAX_LENGTH = 214;
const npm = {
    format: 'npm',
    repository: 'required',
    options: {
        scope: '@SCOPE: only packages of this npm scope come from the repository (without it, every package does)',
        host: `HOST[:PORT]: the registry's host (default ${DEFAULT_NPM_HOST}, path /OWNER/REPOSITORY/; another host is an organization-wide custom domain, path /REPOSITORY/, unless domain= says otherwise)`,
        domain: (0,domains/* domainOptionText */.Hw)('domain')
    },
    programs: [],
    validate(request) {
        const problems = (0,domains/* cloudsmithHostProblem */.Qw)(request, 'host', DEFAULT_NPM_HOST);
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
    const tokenHelper = context.refresh?.launcherPath('pnpm');
    const steps = [
        { kind: 'file', path, content: configText(registries, existing, replaced, tokenHelper) },
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
                'A project .npmrc that sets the same registry or token takes precedence over the user config.',
                ...(tokenHelper === undefined
                    ? []
                    : [
                        `pnpm asks the refresh helper ${tokenHelper} (tokenHelper) for the current key; npm has no such hook and keeps the first key (npm warns about pnpm's unknown setting).`
                    ])
            ]
            : [`Written into the same user config as line ${first}.`],
        ...(index === 0 && tokenHelper !== undefined
            ? { helpers: [{ protocol: 'pnpm' }] }
            : {})
    }));
}

;// CONCATENATED MODULE: ./src/registries/nuget.ts


const NUGET_HOST = 'nuget.cloudsmith.io';
const NUGET_DEFAULT_NAME = 'cloudsmith';
const NUGET_VARIABLE_PREFIX = 'NuGetPackageSourceCredentials_';
const SOURCE_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
function sourceName(request) {
    return request.options.get('name') ?? NUGET_DEFAULT_NAME;
}
function feedUrl(request) {
    return `https://${NUGET_HOST}/${request.owner}/${request.repository ?? ''}/v3/index.json`;
}
const nuget = envFormat({
    format: 'nuget',
    options: {
        name: `the package source's key in nuget.config (default ${NUGET_DEFAULT_NAME}): a letter or '_', then letters, digits, '_' and '-'`
    },
    hosts: (request) => [feedUrl(request).slice('https://'.length, -'v3/index.json'.length)],
    validate(request) {
        const name = sourceName(request);
        return SOURCE_NAME.test(name)
            ? []
            : [
                `name=${name} is not a package source name this action can map to NuGet's variable: use a letter or '_', then letters, digits, '_' and '-' (the same key in nuget.config).`
            ];
    },
    variables(request, context) {
        const name = sourceName(request);
        const variable = `${NUGET_VARIABLE_PREFIX}${name}`;
        return {
            title: `nuget: credentials for the package source '${name}' (${feedUrl(request)})`,
            steps: [secretVariable(variable, ['Username=token;Password=', plan/* KEY */._])],
            notes: [
                `NuGet sends them to the source whose key is '${name}' in nuget.config, after it answers 401: <add key="${name}" value="${feedUrl(request)}" />. Push with dotnet nuget push PACKAGE.nupkg --source ${name} --api-key ${keyArgument(context)}.`
            ]
        };
    }
});

;// CONCATENATED MODULE: ./src/registries/python.ts


const PYTHON_DOWNLOAD_HOST = 'dl.cloudsmith.io';
const PYTHON_UPLOAD_HOST = 'python.cloudsmith.io';
const PYTHON_USERNAME = 'token';
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
const python_INTERFERING = [
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
function pythonEndpoints(request) {
    const download = (0,domains/* domainEndpoint */.aS)(request, 'host', PYTHON_DOWNLOAD_HOST);
    const upload = (0,domains/* domainEndpoint */.aS)(request, 'upload-host', PYTHON_UPLOAD_HOST);
    return {
        downloadHost: download.host,
        uploadHost: upload.host,
        indexAfterKey: `@${download.host}/basic${download.path}python/simple/`,
        uploadUrl: `https://${upload.host}${upload.path}`
    };
}
function shownIndexUrl(endpoints) {
    return `https://${PYTHON_USERNAME}:***${endpoints.indexAfterKey}`;
}
const python = {
    format: 'python',
    repository: 'required',
    options: {
        host: `the host of the simple index pip and uv read (default ${PYTHON_DOWNLOAD_HOST}; another host is an organization's custom download domain)`,
        domain: (0,domains/* domainOptionText */.Hw)('domain'),
        'upload-host': `the host twine and uv publish upload to (default ${PYTHON_UPLOAD_HOST}; another host is an organization's custom Python domain)`,
        'upload-domain': (0,domains/* domainOptionText */.Hw)('upload-domain')
    },
    programs: [],
    onlyOne: 'pip and uv read one index and twine uploads to one repository. Fix: keep one python line; to upload to another repository too, give that twine step --repository-url https://python.cloudsmith.io/OWNER/REPO/ (TWINE_USERNAME and TWINE_PASSWORD still apply).',
    hosts(request) {
        const { downloadHost, uploadHost } = pythonEndpoints(request);
        return downloadHost.toLowerCase() === uploadHost.toLowerCase()
            ? [downloadHost]
            : [downloadHost, uploadHost];
    },
    validate(request) {
        return [
            ...(0,domains/* cloudsmithHostProblem */.Qw)(request, 'host', PYTHON_DOWNLOAD_HOST),
            ...(0,domains/* cloudsmithHostProblem */.Qw)(request, 'upload-host', PYTHON_UPLOAD_HOST)
        ];
    },
    plan(request, context) {
        const endpoints = pythonEndpoints(request);
        const index = [`https://${PYTHON_USERNAME}:`, plan/* KEY */._, endpoints.indexAfterKey];
        const env = (name, value, secret) => ({
            kind: 'env',
            name,
            value,
            secret,
            restore: secret || python_hasUserinfo(context.env[name] ?? '') ? '' : (context.env[name] ?? '')
        });
        const v = PYTHON_VARIABLES;
        const steps = [
            env(v.pipIndex, index, true),
            env(v.uvIndex, index, true),
            env(v.twineUrl, [endpoints.uploadUrl], false),
            env(v.twineUsername, [PYTHON_USERNAME], false),
            env(v.twinePassword, [plan/* KEY */._], true),
            env(v.uvPublishUrl, [endpoints.uploadUrl], false),
            env(v.uvPublishUsername, [PYTHON_USERNAME], false),
            env(v.uvPublishPassword, [plan/* KEY */._], true)
        ];
        const notes = [
            `pip and uv install from ${shownIndexUrl(endpoints)} instead of PyPI; give the repository a PyPI upstream so public packages resolve through it (an extra index beside PyPI would invite dependency confusion).`,
            `twine upload and uv publish upload to ${endpoints.uploadUrl} as ${PYTHON_USERNAME}.`
        ];
        for (const [name, effect] of python_INTERFERING) {
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
function python_hasUserinfo(value) {
    return /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*@/.test(value.trim());
}

;// CONCATENATED MODULE: ./src/registries/ruby.ts



const RUBY_DOWNLOAD_HOST = 'dl.cloudsmith.io';
const RUBY_UPLOAD_HOST = 'ruby.cloudsmith.io';
function bundlerVariable(host) {
    const name = host.replace(/:\d+$/, '');
    return `BUNDLE_${name.replaceAll('.', '__').replaceAll('-', '___').toUpperCase()}`;
}
function rubyEndpoints(request) {
    const download = (0,domains/* domainEndpoint */.aS)(request, 'host', RUBY_DOWNLOAD_HOST);
    const upload = (0,domains/* domainEndpoint */.aS)(request, 'upload-host', RUBY_UPLOAD_HOST);
    return {
        downloadHost: download.host,
        source: `https://${download.host}/basic${download.path}ruby/`,
        pushHost: `https://${upload.host}${upload.path.slice(0, -1)}`
    };
}
const ruby = envFormat({
    format: 'ruby',
    options: {
        host: `the host of the Gemfile source Bundler downloads from (default ${RUBY_DOWNLOAD_HOST}; another host is an organization's custom download domain)`,
        domain: (0,domains/* domainOptionText */.Hw)('domain'),
        'upload-host': `the host gem push uploads to (default ${RUBY_UPLOAD_HOST}; another host is an organization's custom Ruby domain)`,
        'upload-domain': (0,domains/* domainOptionText */.Hw)('upload-domain')
    },
    onlyOne: "Bundler's credential is per host and gem push reads one GEM_HOST_API_KEY: one ruby line serves every repository on the download host; write each one as a source in the Gemfile.",
    hosts(request) {
        const { downloadHost, pushHost } = rubyEndpoints(request);
        const upload = new URL(pushHost).host;
        return downloadHost.toLowerCase() === upload.toLowerCase()
            ? [downloadHost]
            : [downloadHost, upload];
    },
    validate: (request) => [
        ...(0,domains/* cloudsmithHostProblem */.Qw)(request, 'host', RUBY_DOWNLOAD_HOST),
        ...(0,domains/* cloudsmithHostProblem */.Qw)(request, 'upload-host', RUBY_UPLOAD_HOST)
    ],
    variables(request, context) {
        const { downloadHost, source, pushHost } = rubyEndpoints(request);
        const bundler = bundlerVariable(downloadHost);
        return {
            title: `ruby: Bundler from ${source} as token, gem push to ${pushHost}`,
            steps: [
                secretVariable(bundler, ['token:', plan/* KEY */._]),
                secretVariable('GEM_HOST_API_KEY', [plan/* KEY */._]),
                plainVariable('RUBYGEMS_HOST', pushHost, context.env)
            ],
            notes: [
                `Bundler sends ${bundler} to every Gemfile source on ${downloadHost.replace(/:\d+$/, '')}: source "${source}" do … end.`,
                `gem push PACKAGE.gem uploads to ${pushHost} (RUBYGEMS_HOST) with GEM_HOST_API_KEY; a gem push --host elsewhere would send the key there too.`
            ]
        };
    }
});

;// CONCATENATED MODULE: ./src/registries/terraform.ts


const TERRAFORM_HOST = 'terraform.cloudsmith.io';
function terraformHost(request) {
    return (request.options.get('host') ?? TERRAFORM_HOST).toLowerCase().replace(/:443$/, '');
}
function terraformVariable(host) {
    return `TF_TOKEN_${host.toLowerCase().replaceAll('-', '__').replaceAll('.', '_')}`;
}
const terraform = envFormat({
    format: 'terraform',
    options: {
        host: `the module registry host (default ${TERRAFORM_HOST}; another host is an organization's custom domain), without a port`
    },
    hosts: (request) => [terraformHost(request)],
    validate(request) {
        const host = request.options.get('host');
        return host !== undefined && terraformHost(request).includes(':')
            ? [
                `host=${host} has a port, which Terraform's TF_TOKEN_ variables cannot name; serve the registry on port 443.`
            ]
            : [];
    },
    variables(request) {
        const host = terraformHost(request);
        const variable = terraformVariable(host);
        const prefix = `${request.owner}/${request.repository ?? ''}/`;
        return {
            title: `terraform: token for ${host} (repository ${prefix.slice(0, -1)})`,
            steps: [secretVariable(variable, [prefix, plan/* KEY */._])],
            notes: [
                `Terraform 1.2 or later (and OpenTofu) sends ${variable} as the bearer token for modules and providers from ${host}; older versions ignore it.`
            ]
        };
    }
});

;// CONCATENATED MODULE: ./src/registries/formats.ts












const FORMATS = new Map([docker/* docker */.T3, npm, python, cargo, maven, gradle, nuget, go, ruby, terraform].map((format) => [
    format.format,
    format
]));
function registriesParser(programs) {
    return (text, org) => (0,registries_request/* parseRegistries */.XG)(text, {
        org,
        formats: FORMATS,
        slugProblem: step_inputs/* slugProblem */.fF,
        findProgram: (name) => programs.findProgram(name)
    });
}

// EXTERNAL MODULE: ./src/input-error.ts
var input_error = __webpack_require__(236);
// EXTERNAL MODULE: ./src/read-file.ts
var read_file = __webpack_require__(834);
// EXTERNAL MODULE: ./src/registries/paths.ts
var paths = __webpack_require__(59);
;// CONCATENATED MODULE: ./src/registries/refusal.ts


class RegistriesRefusedError extends input_error/* InputError */.d {
    inputProblems;
    refusals;
    failureTitle;
    failureLines;
    constructor(inputProblems, refusals) {
        super([...inputProblems, ...refusals.map((refusal) => refusal.problem)]);
        this.inputProblems = inputProblems;
        this.refusals = refusals;
        const { title, lines } = refusalLines(this);
        this.failureTitle = title;
        this.failureLines = lines;
    }
}
function refusalLines(error) {
    const lines = [
        (0,print_gate/* log */.Rm) `The registries input cannot be applied on this machine as it stands; nothing was sent anywhere and nothing was changed.`
    ];
    for (const refusal of error.refusals) {
        lines.push((0,print_gate/* log */.Rm) `- ${refusal.problem}`, (0,print_gate/* log */.Rm) `  Likely cause: ${refusal.cause}`, (0,print_gate/* log */.Rm) `  Fix: ${refusal.fix}`);
    }
    if (error.inputProblems.length > 0) {
        lines.push((0,print_gate/* log */.Rm) `The step's inputs also have problems:`, ...error.inputProblems.map((problem) => (0,print_gate/* log */.Rm) `- ${problem}`), (0,print_gate/* log */.Rm) `Likely cause: a typo, or an expression in 'with:' that evaluated to something else (an unset variable gives an empty string).`, (0,print_gate/* log */.Rm) `Fix: correct the 'with:' values of this step.`);
    }
    return { title: (0,print_gate/* log */.Rm) `Package manager not configured`, lines };
}

;// CONCATENATED MODULE: ./src/registries/plans.ts







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
            if (step.kind === 'env' && !variable_names/* VARIABLE_NAME */.n.test(step.name)) {
                problems.push(`${(0,registries_request/* lineName */.iE)(request)}: the plan would export ${(0,registries_request/* quote */.hD)(step.name)}, which is not a plain ASCII variable name; this is a bug in the action.`);
            }
            if (step.kind === 'env' && step.secret && step.restore !== '') {
                problems.push(`${(0,registries_request/* lineName */.iE)(request)}: the plan would keep the earlier value of ${step.name}, a secret, to restore it; this is a bug in the action.`);
            }
            if (step.kind !== 'file')
                continue;
            if (context.tempDir === '') {
                problems.push(`${(0,registries_request/* lineName */.iE)(request)}: RUNNER_TEMP is not set, and ${request.format} needs a file there; run the action on a GitHub Actions runner.`);
            }
            else if (!(0,paths/* isInside */.F)(context.tempDir, step.path, context.platform)) {
                problems.push(`${(0,registries_request/* lineName */.iE)(request)}: the plan would write ${step.path}, outside RUNNER_TEMP (${context.tempDir}); this is a bug in the action.`);
            }
        }
        plans.push(planned);
    }
    problems.push(...sharedVariables(plans));
    if (refusals.length > 0)
        throw new RegistriesRefusedError(problems, refusals);
    if (problems.length > 0)
        throw new input_error/* InputError */.d([], problems);
    return plans.sort((a, b) => a.request.line - b.request.line);
}
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
function refusingUnreadable(request, planIt) {
    try {
        return planIt();
    }
    catch (error) {
        if (!(error instanceof read_file/* UnreadableFileError */.o2))
            throw error;
        return {
            problems: [
                `${(0,registries_request/* lineName */.iE)(request)}: ${error.message}; the step reads only regular files. Fix: point the setting that names it at a regular file, or remove what is there.`
            ]
        };
    }
}
function sharedVariables(plans) {
    const exportedBy = new Map();
    const problems = [];
    for (const plan of plans) {
        const names = new Set(plan.steps.flatMap((step) => (step.kind === 'env' ? [step.name] : [])));
        for (const name of names) {
            const earlier = exportedBy.get((0,variable_names/* asciiUpperCase */.u)(name));
            if (earlier === undefined) {
                exportedBy.set((0,variable_names/* asciiUpperCase */.u)(name), plan);
            }
            else {
                problems.push(`${(0,registries_request/* lineName */.iE)(plan.request)}: it would export ${name}, which line ${earlier.request.line} exports too; give each line its own (for cargo, another name=).`);
            }
        }
    }
    return problems;
}

;// CONCATENATED MODULE: ./src/registries/stage.ts






function parser(programs) {
    return registriesParser(programs ?? { findProgram: () => undefined });
}
function planContext(system, exportEnv, deadline) {
    return system.planContext(exportEnv, deadline);
}
function stage_plan(requests, system, options, refresh) {
    const context = planContext(system, options.exportEnv, options.deadline);
    return planRegistries(requests, refresh ? { ...context, refresh } : context, FORMATS);
}
function stage_dryRunLines(plans, refresh) {
    return [...dryRunLines(plans), ...(0,step/* refreshDryRunLines */.Xp)(refresh, plans)];
}
function summary(plans, refresh) {
    return [registriesSummary(plans, FORMATS), ...(0,step/* refreshSummary */.iQ)(refresh, plans)];
}


/***/ })

};
;
//# sourceMappingURL=130.index.js.map