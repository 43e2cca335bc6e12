import type { Catalog } from '../catalog.js';

export const workspace: Catalog = {
  'workspace.not-found': {
    ru: 'Рабочая папка uchebnik не найдена ни в {cwd}, ни выше. Создайте её: uchebnik init ПАПКА (см. uchebnik init --help), или укажите --workspace ПАПКА либо UCHEBNIK_WORKSPACE.',
    en: 'No uchebnik workspace in {cwd} or above it. Create one with uchebnik init DIR (see uchebnik init --help), or give --workspace DIR or UCHEBNIK_WORKSPACE.',
  },
  'workspace.not-a-workspace': {
    ru: 'Папка {dir} не рабочая папка uchebnik: в ней нет uchebnik.json. Создайте её: uchebnik init {dir} (см. uchebnik init --help).',
    en: '{dir} is not an uchebnik workspace: it has no uchebnik.json. Create one with uchebnik init {dir} (see uchebnik init --help).',
  },
  'workspace.exists': {
    ru: 'В папке {dir} уже есть рабочая папка uchebnik (uchebnik.json); вторую кампанию создайте в другой папке.',
    en: '{dir} already holds an uchebnik workspace (uchebnik.json); create another campaign in another directory.',
  },
  'workspace.init-not-clean': {
    ru: 'В папке {dir} есть {entry}, но нет uchebnik.json: похоже, это рабочая папка, у которой потерян uchebnik.json. Восстановите его из резервной копии или выберите другую папку.',
    en: '{dir} has {entry} but no uchebnik.json: it looks like a workspace that lost its uchebnik.json. Restore it from a backup or choose another directory.',
  },
  'workspace.not-a-directory': {
    ru: '{dir} — не папка.',
    en: '{dir} is not a directory.',
  },
  'workspace.newer-schema': {
    ru: 'Файл {file} записан более новой версией uchebnik (схема {found}, эта версия понимает до {supported}). Обновите uchebnik.',
    en: '{file} was written by a newer uchebnik (schema {found}; this version understands up to {supported}). Upgrade uchebnik.',
  },
  'workspace.damaged': {
    ru: 'Файл {file} повреждён: {reason}. Запустите uchebnik doctor; восстановите файл из резервной копии.',
    en: '{file} is damaged: {reason}. Run uchebnik doctor; restore the file from a backup.',
  },
  'workspace.locked': {
    ru: 'Рабочая папка занята: с {since} в ней работает команда «{command}» (пользователь {user}, процесс {pid} на {host}). Повторите позже. Если этот процесс точно завершён, удалите файл {lock}.',
    en: 'The workspace is busy: command "{command}" has been working in it since {since} (user {user}, process {pid} on {host}). Try again later. If that process has surely ended, delete {lock}.',
  },
  'workspace.lock-waiting': {
    ru: 'Жду, пока закончит команда «{command}» (пользователь {user}, процесс {pid})…',
    en: 'Waiting for command "{command}" to finish (user {user}, process {pid})…',
  },
  'workspace.lock-stale-taken-over': {
    ru: 'Снята блокировка завершившегося процесса {pid} (команда «{command}», пользователь {user}, с {since}).',
    en: 'Took over the lock of ended process {pid} (command "{command}", user {user}, since {since}).',
  },
  'workspace.path-escapes': {
    ru: 'Путь {path} ведёт за пределы рабочей папки {root} — отказ.',
    en: 'Refused: {path} leads outside the workspace {root}.',
  },
  'workspace.write-failed': {
    ru: 'Не удалось записать {file} ({code}). Проверьте права доступа и свободное место на диске.',
    en: 'Cannot write {file} ({code}). Check permissions and free disk space.',
  },
  'workspace.read-failed': {
    ru: 'Не удалось прочитать {file} ({code}). Проверьте права доступа.',
    en: 'Cannot read {file} ({code}). Check permissions.',
  },
  'workspace.input-unreadable': {
    ru: 'Не удалось прочитать файл {file} ({code}).',
    en: 'Cannot read {file} ({code}).',
  },
  'workspace.bad-year': {
    ru: 'Год кампании {year} не подходит: нужен год от {min} до {max}.',
    en: 'Campaign year {year} is not valid: give a year from {min} to {max}.',
  },
  'workspace.bad-region': {
    ru: 'Не указан регион кампании.',
    en: 'The campaign region is missing.',
  },
  'workspace.bad-timezone': {
    ru: '«{timezone}» — не часовой пояс IANA. Примеры: Europe/Samara (Удмуртия), Europe/Moscow, Asia/Tomsk.',
    en: '"{timezone}" is not an IANA time zone. Examples: Europe/Samara (Udmurtia), Europe/Moscow, Asia/Tomsk.',
  },
  'workspace.bad-settings': {
    ru: 'Неверные настройки кампании: {reason}.',
    en: 'Invalid campaign settings: {reason}.',
  },
  'workspace.doctor-write-in-progress': {
    ru: 'Процесс {pid} сейчас записывает этот файл.',
    en: 'Process {pid} is writing this file right now.',
  },
  'workspace.doctor-locked': {
    ru: 'Сейчас работает команда «{command}» (пользователь {user}, процесс {pid}, с {since}); результаты проверки могут быть неполными.',
    en: 'Command "{command}" is running (user {user}, process {pid}, since {since}); the results may be incomplete.',
  },
  'workspace.doctor-checks-skipped': {
    ru: 'Проверки данных ({count}) пропущены: сначала нужно исправить uchebnik.json.',
    en: 'Data checks ({count}) skipped: uchebnik.json must be fixed first.',
  },


  // registry import: a registry without a header, read by content (issue 16, pattern 11; src/features/registry/command.ts)
  'registry.by-content': {
    ru: 'В файле «{file}» нет строки заголовков; столбцы определены по содержимому ({rows|строка|строки|строк}):',
    en: '"{file}" has no header row; its columns were told by their content ({rows|row|rows}):',
  },
  'registry.header-is-data': {
    ru: 'Строка {row} («{text}») похожа на строку заголовков, но в столбцах {columns} в ней данные, как в строках ниже: файл прочитан как файл без заголовка.',
    en: 'Row {row} ("{text}") looks like a header, but in columns {columns} it holds data like the rows below: the file is read as one without a header.',
  },
  'registry.by-content-override': {
    ru: 'Если столбцы определены неверно, укажите их порядок сами (--columns важнее догадки): {command}',
    en: 'If a column was taken wrongly, give their order yourself (--columns overrides the guess): {command}',
  },
  'registry.by-content-unsure': {
    ru: 'в файле «{file}» (лист «{sheet}») нет строки заголовков, а по содержимому столбцы нельзя определить наверняка: {doubts}. Файл без заголовка загружается с --columns; проверьте порядок столбцов и запустите: {command}',
    en: 'no header row in "{file}" (sheet "{sheet}"), and the content does not tell the columns for sure: {doubts}. A file without a header is loaded with --columns; check the order and run: {command}',
  },
  'registry.by-content-unsure-header': {
    ru: 'в файле «{file}» (лист «{sheet}») не найдена строка заголовков, а по содержимому столбцы нельзя определить наверняка: {doubts}. Если у файла есть заголовок, укажите столбцы через --map: {map}; если заголовка нет — через --columns: {command}',
    en: 'no header row found in "{file}" (sheet "{sheet}"), and the content does not tell the columns for sure: {doubts}. If the file has a header, say where the columns are with --map: {map}; if it has none, with --columns: {command}',
  },
  'registry.columns-missing': {
    ru: 'в --columns «{value}» нет {missing}: без них реестр не загрузить. Например: --columns municipality,code,short,full',
    en: '--columns "{value}" lacks {missing}: the registry cannot be loaded without them. For example: --columns municipality,code,short,full',
  },
  'registry.columns-missing-name': { ru: 'названия школы (short или full)', en: 'the school name (short or full)' },
  'registry.columns-missing-municipality': { ru: 'муниципалитета (municipality или municipality-name)', en: 'the municipality (municipality or municipality-name)' },
  'registry.column-line': { ru: '  {column} → {alias} ({role}): {why}', en: '  {column} → {alias} ({role}): {why}' },
  'registry.column-empty': { ru: '  {columns}: пусто — пропущено', en: '  {columns}: empty, skipped' },
  'registry.role.municipality_code': { ru: 'код муниципалитета', en: 'municipality code' },
  'registry.role.municipality_name': { ru: 'муниципалитет', en: 'municipality name' },
  'registry.role.code': { ru: 'код школы', en: 'school code' },
  'registry.role.short_name': { ru: 'краткое наименование', en: 'short name' },
  'registry.role.full_name': { ru: 'полное наименование', en: 'full name' },
  'registry.role.inn': { ru: 'ИНН', en: 'INN' },
  'registry.role.kpp': { ru: 'КПП', en: 'KPP' },
  'registry.role.skip': { ru: 'пропущен', en: 'skipped' },
  'registry.why.repeated-codes': {
    ru: 'короткие повторяющиеся значения — {distinct} разных на {filled} строк, например «{sample}»',
    en: 'short repeated values, {distinct} distinct in {filled} rows, e.g. "{sample}"',
  },
  'registry.why.repeated-texts': {
    ru: 'повторяющиеся тексты — {distinct} разных на {filled} строк, например «{sample}»',
    en: 'repeated texts, {distinct} distinct in {filled} rows, e.g. "{sample}"',
  },
  'registry.why.guessed-municipality': {
    ru: 'короткие значения без пробелов, но повторов не видно — только догадка, например «{sample}»',
    en: 'short values without spaces, but none repeats: only a guess, e.g. "{sample}"',
  },
  'registry.why.unique-codes': {
    ru: 'у каждой строки свой код без пробелов, например «{sample}»',
    en: 'a code of its own in every row, without spaces, e.g. "{sample}"',
  },
  'registry.why.inn-digits': { ru: '10 или 12 цифр, например «{sample}»', en: '10 or 12 digits, e.g. "{sample}"' },
  'registry.why.kpp-digits': { ru: '9 цифр, например «{sample}»', en: '9 digits, e.g. "{sample}"' },
  'registry.why.only-names': { ru: 'единственный столбец с названиями, например «{sample}»', en: 'the only column of names, e.g. "{sample}"' },
  'registry.why.shorter-names': {
    ru: 'названия, в среднем {avg} симв. — самые короткие, например «{sample}»',
    en: 'names, {avg} characters on average, the shortest, e.g. "{sample}"',
  },
  'registry.why.longer-names': {
    ru: 'названия, в среднем {avg} симв. — самые длинные, например «{sample}»',
    en: 'names, {avg} characters on average, the longest, e.g. "{sample}"',
  },
  'registry.why.extra-names': {
    ru: 'ещё один столбец названий, в среднем {avg} симв., например «{sample}»',
    en: 'another column of names, {avg} characters on average, e.g. "{sample}"',
  },
  'registry.why.empty': { ru: 'пусто', en: 'empty' },
  'registry.why.sparse': { ru: 'заполнены {filled} из {rows|строки|строк|строк}, например «{sample}»', en: '{filled} of {rows|row|rows} filled, e.g. "{sample}"' },
  'registry.why.unrecognised': {
    ru: 'не похоже ни на код, ни на муниципалитет, ни на название, например «{sample}»',
    en: 'looks like neither a code, a municipality nor a name, e.g. "{sample}"',
  },
  'registry.doubt.few-rows': {
    ru: 'всего {rows|строка|строки|строк} с данными — по ним не видно, какие значения повторяются',
    en: 'only {rows|row|rows} of data, too few to see which values repeat',
  },
  'registry.doubt.no-municipality': {
    ru: 'нет столбца с повторяющимися значениями, который был бы муниципалитетом',
    en: 'no column of repeated values that could be the municipality',
  },
  'registry.doubt.no-name': { ru: 'нет столбца с названиями школ', en: 'no column of school names' },
  'registry.doubt.municipalities': { ru: 'муниципалитетом может быть любой из столбцов {columns}', en: 'any of columns {columns} could be the municipality' },
  'registry.doubt.codes': { ru: 'кодом школы может быть любой из столбцов {columns}', en: 'any of columns {columns} could be the school code' },
  'registry.doubt.names-alike': {
    ru: 'в столбцах {columns} названия не различаются длиной — не понять, где краткое, а где полное',
    en: 'the names in columns {columns} do not differ in length: which is short and which full is unclear',
  },
  'registry.doubt.names': {
    ru: 'столбцов с названиями больше двух ({columns}) — в догадке взяты самый короткий и самый длинный',
    en: 'more than two columns of names ({columns}); the guess takes the shortest and the longest',
  },
  'registry.doubt.unrecognised': { ru: 'непонятно, что в столбцах {columns}', en: 'what columns {columns} hold is unclear' },
  'registry.doubt.first-row': {
    ru: 'первая строка не похожа на остальные в столбцах {columns} — возможно, это заголовок с незнакомыми словами',
    en: 'the first row differs from the rest in columns {columns}: perhaps a header with unknown words',
  },
};
