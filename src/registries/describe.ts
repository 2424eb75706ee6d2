/**
 * What a user reads about the plans: the dry run's full account (files with paths, variables with
 * their values, the key shown as ***, commands with their arguments) and the job summary's table
 * (hosts, files and variable names; never a value).
 */
import { gfm, joinMarkdown, log, type LogText, type Markdown } from '../print-gate.js'
import type { FormatModule, Plan, Step } from './plan.js'
import { KEY } from './plan.js'

/** A planned value with the key shown as ***. */
function shown(value: Step & { kind: 'env' }): string {
  return value.value.map((part) => (part === KEY ? '***' : part)).join('')
}

export function dryRunLines(plans: readonly Plan[]): LogText[] {
  if (plans.length === 0) return []
  const lines = [log`Dry run: the registries input would apply these plans after the exchange:`]
  for (const plan of plans) {
    lines.push(log`  Line ${plan.request.line} (${plan.request.text}): ${plan.title}`)
    for (const step of plan.steps) {
      switch (step.kind) {
        case 'file':
          lines.push(
            log`    write ${step.path} (mode 0600, ${step.content.split('\n').length} lines)`
          )
          break
        case 'env':
          lines.push(log`    export ${step.name}=${shown(step)}`)
          break
        case 'docker-login':
          lines.push(
            log`    run docker login ${step.host} --username ${step.username} --password-stdin (the key on standard input; DOCKER_CONFIG=${step.configDir})`
          )
          break
      }
    }
    for (const note of plan.notes) lines.push(log`    ${note}`)
  }
  lines.push(log`  The post step would undo each of them.`)
  return lines
}

export function registriesSummary(
  plans: readonly Plan[],
  formats: ReadonlyMap<string, FormatModule>
): Markdown {
  if (plans.length === 0) return joinMarkdown([])
  const list = (items: readonly string[]): Markdown =>
    items.length === 0 ? gfm`none` : joinInline(items.map((item) => gfm`${item}`))
  return joinMarkdown([
    gfm`#### Package managers (undone by the post step)`,
    gfm``,
    gfm`| Line | Format | Hosts | Files | Variables |`,
    gfm`| --- | --- | --- | --- | --- |`,
    ...plans.map((plan) => {
      const hosts = formats.get(plan.request.format)?.hosts(plan.request) ?? []
      const files = plan.steps.flatMap((step) => (step.kind === 'file' ? [step.path] : []))
      const names = plan.steps.flatMap((step) => (step.kind === 'env' ? [step.name] : []))
      return gfm`| ${String(plan.request.line)} | ${plan.request.format} | ${list(hosts)} | ${list(files)} | ${list(names)} |`
    }),
    gfm``
  ])
}

function joinInline(parts: readonly Markdown[]): Markdown {
  return parts.slice(1).reduce((all, part) => gfm`${all}, ${part}`, parts[0] ?? gfm``)
}
