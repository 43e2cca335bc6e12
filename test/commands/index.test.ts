import { describe, expect, it } from 'vitest';
import { COMMANDS, commandsFor } from '../../src/commands/index.js';

describe('which command modules a command line loads', () => {
  const all = Object.keys(COMMANDS);
  it('loads only the command named, skipping global flags and their values', () => {
    expect(commandsFor(['order', 'validate', 'a.xlsx'])).toEqual(['order']);
    expect(commandsFor(['-w', 'demo', '--lang', 'en', 'registry', 'show'])).toEqual(['registry']);
    expect(commandsFor(['--no-color', 'deadlines', 'check'])).toEqual(['deadlines']);
  });
  it('loads none for --version, all for help, no command or an unknown one', () => {
    expect(commandsFor(['--version'])).toEqual([]);
    expect(commandsFor(['-V'])).toEqual([]);
    expect(commandsFor(['--help'])).toEqual(all);
    expect(commandsFor([])).toEqual(all);
    expect(commandsFor(['regisrty', 'show'])).toEqual(all);
  });
});
