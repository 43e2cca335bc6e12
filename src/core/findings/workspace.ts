/**
 * Problems `uchebnik doctor` finds in a workspace: src/io/workspace/doctor.ts. They are no findings of a
 * report (doctor lists them with their file and exits 4), but they are codes a script reads, with
 * a severity and a message, so they live here with the others.
 */
import type { FindingSpecs } from './spec.js';

export const workspace = {
  'workspace-marker-missing': {
    severity: 'error',
    title: { ru: 'Нет uchebnik.json', en: 'uchebnik.json missing' },
    message: {
      ru: 'Нет файла uchebnik.json.',
      en: 'uchebnik.json is missing.',
    },
  },
  'workspace-marker-damaged': {
    severity: 'error',
    title: { ru: 'uchebnik.json повреждён', en: 'uchebnik.json damaged' },
    message: {
      ru: 'Файл uchebnik.json повреждён: {reason}.',
      en: 'uchebnik.json is damaged: {reason}.',
    },
  },
  'workspace-newer-schema': {
    severity: 'error',
    title: { ru: 'Записано более новой версией', en: 'Written by a newer version' },
    message: {
      ru: 'Файл записан более новой версией uchebnik (схема {found}, понятна до {supported}).',
      en: 'Written by a newer uchebnik (schema {found}; understood up to {supported}).',
    },
  },
  'workspace-state-damaged': {
    severity: 'error',
    title: { ru: 'Файл состояния повреждён', en: 'State file damaged' },
    message: {
      ru: 'Файл состояния повреждён: {reason}.',
      en: 'State file is damaged: {reason}.',
    },
  },
  'workspace-state-old-schema': {
    severity: 'warning',
    title: { ru: 'Файл состояния в прежнем формате', en: 'State file in the former format' },
    message: {
      ru: 'Файл записан в прежнем формате (схема {found}, нынешняя {current}): читается как есть, но медленнее; uchebnik doctor --fix перепишет его в нынешнем.',
      en: 'Written in the former format (schema {found}, current {current}): read as it is, but slower; uchebnik doctor --fix rewrites it in the current one.',
    },
  },
  'workspace-input-hash-mismatch': {
    severity: 'error',
    title: { ru: 'Сохранённый файл изменён', en: 'Stored file changed' },
    message: {
      ru: 'Содержимое сохранённого файла не совпадает с его sha256 в имени (фактически {actual}): файл изменён или повреждён.',
      en: 'The stored file does not match the sha256 in its name (actual {actual}): it was changed or damaged.',
    },
  },
  'workspace-input-meta-missing': {
    severity: 'warning',
    title: { ru: 'Нет описания сохранённого файла', en: 'Stored file without a description' },
    message: {
      ru: 'У сохранённого файла нет описания (.meta.json); повторная загрузка того же файла его восстановит.',
      en: 'The stored file has no description (.meta.json); loading the same file again restores it.',
    },
  },
  'workspace-input-meta-damaged': {
    severity: 'error',
    title: { ru: 'Описание сохранённого файла повреждено', en: 'Stored file description damaged' },
    message: {
      ru: 'Описание сохранённого файла повреждено: {reason}.',
      en: 'The description of a stored file is damaged: {reason}.',
    },
  },
  'workspace-input-missing': {
    severity: 'error',
    title: { ru: 'Сохранённый файл пропал', en: 'Stored file gone' },
    message: {
      ru: 'Сохранённый файл {stored} пропал, осталось только его описание.',
      en: 'The stored file {stored} is gone; only its description remains.',
    },
  },
  'workspace-input-unexpected-file': {
    severity: 'warning',
    title: { ru: 'Посторонний файл в inputs/', en: 'Foreign file in inputs/' },
    message: {
      ru: 'Посторонний файл в папке inputs/.',
      en: 'A foreign file in inputs/.',
    },
  },
  'workspace-journal-torn-tail': {
    severity: 'warning',
    title: { ru: 'Оборванная строка журнала', en: 'Torn journal line' },
    message: {
      ru: 'Последняя строка журнала (строка {line}) оборвана: запись прервалась.',
      en: 'The last journal line (line {line}) is cut short: a write was interrupted.',
    },
  },
  'workspace-journal-bad-line': {
    severity: 'warning',
    title: { ru: 'Строка журнала не читается', en: 'Unreadable journal line' },
    message: {
      ru: 'Строка журнала {line} не читается: {reason}.',
      en: 'Journal line {line} cannot be read: {reason}.',
    },
  },
  'workspace-journal-chain-broken': {
    severity: 'error',
    title: { ru: 'Журнал изменён вручную', en: 'Journal edited by hand' },
    message: {
      ru: 'Строка журнала {line} не продолжает строку {previous}: журнал правили вручную (строка {previous} изменена, после неё удалены строки или вставлена строка {line}).',
      en: 'Journal line {line} does not follow line {previous}: the journal was edited by hand (line {previous} changed, lines after it removed, or line {line} inserted).',
    },
  },
  'workspace-output-stale': {
    severity: 'warning',
    title: { ru: 'Папка выгрузки не совпадает с записью', en: 'Output folder does not match its record' },
    message: {
      ru: 'Файл {file} не тот, что записан последним запуском «{command}» ({at}): {reason_ru}. Запустите «uchebnik {command}» ещё раз — он перепишет папку.',
      en: 'File {file} is not the one the last run of "{command}" ({at}) wrote: {reason_en}. Run "uchebnik {command}" again; it rewrites the folder.',
    },
  },
  'workspace-temp-leftover': {
    severity: 'warning',
    title: { ru: 'Временный файл прерванной записи', en: 'Temporary file of an interrupted write' },
    message: {
      ru: 'Временный файл прерванной записи (процесс {pid}); безвреден, uchebnik doctor --fix его удалит.',
      en: 'Temporary file of an interrupted write (process {pid}); harmless, uchebnik doctor --fix removes it.',
    },
  },
  'workspace-lock-stale': {
    severity: 'warning',
    title: { ru: 'Брошенная блокировка', en: 'Stale lock' },
    message: {
      ru: 'Осталась блокировка завершившегося процесса {pid} (команда «{command}», пользователь {user}, с {since}); следующая команда её снимет.',
      en: 'A lock of ended process {pid} remains (command "{command}", user {user}, since {since}); the next command takes it over.',
    },
  },
  'workspace-symlink-outside': {
    severity: 'error',
    title: { ru: 'Ссылка за пределы рабочей папки', en: 'Link outside the workspace' },
    message: {
      ru: 'Символическая ссылка ведёт за пределы рабочей папки, в {target}: uchebnik не будет по ней писать. Удалите её.',
      en: 'A symbolic link leads outside the workspace, to {target}: uchebnik will not write through it. Remove it.',
    },
  },
  'workspace-check-failed': {
    severity: 'error',
    title: { ru: 'Проверка не выполнена', en: 'Check could not run' },
    message: {
      ru: 'Проверка «{check}» не выполнена ({error}); см. остальные сообщения об этом файле.',
      en: 'Check "{check}" could not run ({error}); see the other messages about this file.',
    },
  },
} satisfies FindingSpecs;
