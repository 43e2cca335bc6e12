/**
 * Shell completion scripts made from the program's commands as commander holds them (command.ts reads
 * them): command names, then a command's subcommands, then options, and the values of options that
 * have a fixed list (--lang ru|en). A word that is none of these (a file) is left to the shell.
 */

/** One command as completion sees it: its name, its options (long, or short when it has none), its subcommands. */
export interface CompletionCommand {
  name: string;
  flags: string[];
  commands: CompletionCommand[];
}

export interface CompletionProgram extends CompletionCommand {
  /** the program's options that take a value, so that the value is not taken for a command's name */
  valued: string[];
  /** option → its only possible values */
  choices: Record<string, string[]>;
}

/** Names a shell may see unquoted; anything else (never expected from commander) is left out. */
const SAFE = /^[\w-]+$/;
const safe = (words: string[]) => words.filter((w) => SAFE.test(w));

/**
 * One `case` branch per place on the command line, keyed «command/subcommand»: what may follow the
 * program, a command with subcommands, each subcommand, a command without subcommands.
 */
function branches(program: CompletionProgram, list: (words: string[]) => string): string[] {
  const branch = (pattern: string, names: string[], flags: string[]) =>
    `    ${pattern}) names=${list(safe(names))}; flags=${list(safe(flags))} ;;`;
  const out = [branch('/', program.commands.map((c) => c.name), program.flags)];
  for (const cmd of program.commands.filter((c) => SAFE.test(c.name))) {
    if (cmd.commands.length === 0) {
      out.push(branch(`${cmd.name}/*`, [], cmd.flags));
      continue;
    }
    out.push(branch(`${cmd.name}/`, cmd.commands.map((c) => c.name), cmd.flags));
    for (const sub of cmd.commands.filter((c) => SAFE.test(c.name))) out.push(branch(`${cmd.name}/${sub.name}`, [], sub.flags));
  }
  return out;
}

function choiceBranches(program: CompletionProgram, complete: (words: string[]) => string): string[] {
  return Object.entries(program.choices)
    .filter(([flag]) => SAFE.test(flag))
    .map(([flag, values]) => `    ${flag}) ${complete(safe(values))}; return ;;`);
}

function valuedPattern(program: CompletionProgram): string {
  return safe(program.valued).join('|') || '--';
}

export function bashScript(program: CompletionProgram): string {
  const name = program.name;
  return `# ${name} completion for bash: source <(${name} completion bash), or save it in /etc/bash_completion.d/${name}
_${name}() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]} cmd= sub= names= flags= i w
  case $prev in
${choiceBranches(program, (v) => `COMPREPLY=($(compgen -W "${v.join(' ')}" -- "$cur"))`).join('\n')}
  esac
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=\${COMP_WORDS[i]}
    case $w in
      ${valuedPattern(program)}) ((i++)); continue ;;
      -*) continue ;;
    esac
    if [[ -z $cmd ]]; then cmd=$w; elif [[ -z $sub ]]; then sub=$w; fi
  done
  case "$cmd/$sub" in
${branches(program, (w) => `"${w.join(' ')}"`).join('\n')}
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$names" -- "$cur"))
  fi
}
complete -o default -F _${name} ${name}
`;
}

export function zshScript(program: CompletionProgram): string {
  const name = program.name;
  return `#compdef ${name}
# ${name} completion for zsh: source <(${name} completion zsh) after compinit, or save it as _${name} in $fpath
_${name}() {
  local cur=\${words[CURRENT]} prev=\${words[CURRENT-1]} cmd= sub= i w
  local -a names flags
  case $prev in
${choiceBranches(program, (v) => `compadd -- ${v.join(' ')}`).join('\n')}
  esac
  for ((i = 2; i < CURRENT; i++)); do
    w=\${words[i]}
    case $w in
      ${valuedPattern(program)}) ((i++)); continue ;;
      -*) continue ;;
    esac
    if [[ -z $cmd ]]; then cmd=$w; elif [[ -z $sub ]]; then sub=$w; fi
  done
  case "$cmd/$sub" in
${branches(program, (w) => `(${w.join(' ')})`).join('\n')}
  esac
  if [[ $cur == -* ]]; then
    compadd -- $flags
  elif (( $#names )); then
    compadd -- $names
  else
    _files
  fi
}
compdef _${name} ${name}
`;
}
