/** commander's own texts (help titles, help entries, error messages) in Russian, unchanged in English. */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { descriptionRu, errorRu, titleRu } from '../../src/cli-kit/commander-text.js';
import { run, tempDir } from '../support/cli.js';

describe('commander in Russian', () => {
  it('an unknown option: Russian by default, English with --lang en, a usage error (2) in both', async () => {
    const ru = await run(['order', 'validate', '--bogus'], { cwd: tempDir() });
    expect(ru.code).toBe(2);
    expect(ru.stderr).toBe('uchebnik: неизвестный параметр «--bogus»\n');
    const en = await run(['order', 'validate', '--bogus', '--lang', 'en'], { cwd: tempDir() });
    expect(en.code).toBe(2);
    expect(en.stderr).toBe("uchebnik: unknown option '--bogus'\n");
  });

  it('a mistyped subcommand with its suggestion, a missing argument, a value outside the choices', async () => {
    expect((await run(['order', 'validat'])).stderr).toBe('uchebnik: неизвестная команда «validat»\n(Может быть, validate?)\n');
    const missing = await run(['order', 'validate']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('uchebnik: не указан обязательный аргумент «files»\n');
    expect((await run(['--lang', 'xx'])).stderr).toBe('uchebnik: значение «xx» параметра «--lang <lang>» не подходит. Допустимые значения: ru, en.\n');
  });

  it('help: titles and the help entry in Russian, commander’s own words in English', async () => {
    const ru = await run(['order', '--help']);
    expect(ru.code).toBe(0);
    for (const text of ['Использование: uchebnik order', 'Параметры:', 'Команды:', 'показать справку по команде']) expect(ru.stdout).toContain(text);
    expect(ru.stdout).not.toMatch(/Usage:|Options:|Commands:|display help/);
    const en = await run(['--lang', 'en', 'order', '--help']);
    for (const text of ['Usage: uchebnik order', 'Options:', 'Commands:', 'display help for command']) expect(en.stdout).toContain(text);
  });

  it('every other message commander 14 writes', () => {
    expect(errorRu("option '-w, --workspace <dir>' argument missing\n")).toBe('у параметра «-w, --workspace <dir>» не указано значение\n');
    expect(errorRu("required option '--year <year>' not specified\n")).toBe('не указан обязательный параметр «--year <year>»\n');
    expect(errorRu("too many arguments for 'demo'. Expected 1 argument but got 2.\n")).toBe('слишком много аргументов у «demo»: ожидается 1, получено 2.\n');
    expect(errorRu('too many arguments. Expected 0 arguments but got 1.\n')).toBe('слишком много аргументов: ожидается 0, получено 1.\n');
    expect(errorRu("option '--a' cannot be used with environment variable 'B'\n")).toBe('параметр «--a» нельзя указывать вместе с переменной окружения «B»\n');
    expect(errorRu("option '--a' cannot be used with option '--b'\n")).toBe('параметр «--a» нельзя указывать вместе с параметром «--b»\n');
    expect(errorRu("command-argument value 'x' is invalid for argument 'n'. not a number\n")).toBe('значение «x» аргумента «n» не подходит. not a number\n');
    expect(errorRu("unknown option '--jsn'\n(Did you mean one of --json, --js?)\n")).toBe('неизвестный параметр «--jsn»\n(Может быть, --json, --js?)\n');
    expect(errorRu('something new\n')).toBe('something new\n');
  });

  it('knows as many error messages as the installed commander writes (an upgrade with a new one fails here)', () => {
    const source = fs.readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('commander')), 'lib', 'command.js'), 'utf8');
    // the ten patterns of ERRORS in src/cli-kit/commander-text.ts
    expect(source.match(/`error: /g)).toHaveLength(10);
  });

  it('help entries: the default and choices commander appends', () => {
    expect(descriptionRu('язык (default: "ru", choices: "ru", "en")')).toBe('язык (по умолчанию: "ru", варианты: "ru", "en")');
    expect(descriptionRu('display help for command')).toBe('показать справку по команде');
    expect(titleRu('Global Options:')).toBe('Общие параметры:');
  });
});
