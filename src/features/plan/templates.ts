/**
 * The two seed plans as built-in templates (`init --template textbooks|first-grade`). They are data
 * in the source, copied from the seed texts: stage texts, executors and deadline phrases as written.
 */
import type { CompletionRule, Plan, Stage } from './model.js';
import { stageExecutor } from './model.js';

export { planFromTable } from './table.js';

const SCHOOLS = 'Школы';
const MUNICIPALITY = 'Управления образования';
const REGIONAL_CENTRE = 'РЦИ и ОКО';
const MINISTRY = 'Министерство';

interface StageSource {
  number: number;
  text: string;
  /** [executor, deadline phrase] as the seed's cells have them */
  by: [string, string][];
  completion?: CompletionRule;
}

function buildStages(sources: StageSource[], year: number): Stage[] {
  return sources.map((s) => {
    const stage: Stage = { number: s.number, text: s.text, executors: s.by.map(([name, text]) => stageExecutor(name, text, year)) };
    if (s.completion) stage.completion = s.completion;
    return stage;
  });
}

/**
 * Plan 000: the 2018 textbook order through АИС «Заказ учебников», 22 stages from February to March.
 * Its deadlines carry no year, so they fall in `year`; the year in the title and in stage 6
 * («рабочего периода 2018 год») is `year` as well.
 */
export function textbooksPlan(year: number): Plan {
  const stages: StageSource[] = [
    { number: 1, text: 'Оформление соглашений об информационном взаимодействии с ОО', by: [[MUNICIPALITY, 'до 16 февраля']] },
    { number: 2, text: 'Выдача учетных записей для входа в АИС «Заказ учебников» для ОО', by: [[MUNICIPALITY, 'до 16 февраля']] },
    {
      number: 3,
      text: 'Проверка школами данных в личных кабинетах школы АИС «Заказ учебников»',
      by: [[SCHOOLS, 'До 12 февраля']],
      completion: { kind: 'cards' },
    },
    { number: 4, text: 'Запрос и получение от издательств прайс-листов', by: [[MINISTRY, 'до 12 февраля']] },
    { number: 5, text: 'Передача полученных прайс-листов в РЦИ и ОКО', by: [[MINISTRY, 'до 14 февраля']] },
    {
      number: 6,
      text:
        'Загрузка прайс-листов в АИС «Заказ учебников». Загрузка форм сводных отчетов для Издательств. ' +
        'Загрузка и настройка форм сводных заказов для издательств. ' +
        `Подготовка рабочего периода ${year} год в АИС «Заказ учебников». Тестирование системы.`,
      by: [[REGIONAL_CENTRE, 'до 20 февраля']],
      completion: { kind: 'pricelists-loaded' },
    },
    {
      number: 7,
      text: 'Заполнение в АИС «Заказ учебников» потребности на закупку (Заказ в системе находится в «Корзине»)',
      by: [[SCHOOLS, 'До 27 февраля']],
      completion: { kind: 'orders', state: 'submitted', round: 1 },
    },
    {
      number: 8,
      text: 'Согласование заказа со специалистом УО',
      by: [[SCHOOLS, 'До 27 февраля']],
      completion: { kind: 'orders', state: 'agreed', round: 1 },
    },
    {
      number: 9,
      text:
        'Завершение формирования заказа по потребности (нажать в «Корзине» собранного заказа по потребности кнопку «Сформировать заказ»)',
      by: [[SCHOOLS, 'До 28 февраля']],
      completion: { kind: 'orders', state: 'formed', round: 1 },
    },
    {
      number: 10,
      text:
        'Формирование сводного заказа по издательствам по потребностям по всем школам муниципалитета. ' +
        'Отправка файла сводного заказа по издательствам в РЦИ и ОКО',
      by: [[MUNICIPALITY, 'До 1 марта']],
      completion: { kind: 'consolidation', scope: 'municipality', round: 1 },
    },
    {
      number: 11,
      text:
        'Сбор всех сводных заказов от муниципалитетов в разрезе каждого издательства. ' +
        'Подготовка единого сводного заказа в разрезе каждого издательства – для анализа специалистами МОиН УР. ' +
        'Отправка файлов в министерство.',
      by: [[REGIONAL_CENTRE, 'До 2 марта']],
      completion: { kind: 'consolidation', scope: 'region', round: 1 },
    },
    { number: 12, text: 'Проверка и анализ заказа по потребности.', by: [[MINISTRY, 'До 15 марта']] },
    {
      number: 13,
      text: 'Формирование рекомендаций для изменения заказов (по школам, по муниципалитетам)',
      by: [[MINISTRY, 'До 15 марта']],
      completion: { kind: 'recommendations', step: 'loaded' },
    },
    {
      number: 14,
      text: 'Рассылка рекомендаций по корректировке заказов в муниципалитеты.',
      by: [[MINISTRY, 'До 16 марта']],
      completion: { kind: 'recommendations', step: 'split-municipality' },
    },
    {
      number: 15,
      text: 'Пересылка рекомендаций по корректировке заказов в школы',
      by: [[MUNICIPALITY, 'До 19 марта']],
      completion: { kind: 'recommendations', step: 'split-school' },
    },
    {
      number: 16,
      text: 'Внесение изменений в заказах – по рекомендациям министерства (при необходимости)',
      by: [[SCHOOLS, 'До 23 марта']],
      completion: { kind: 'orders', state: 'submitted', round: 2 },
    },
    {
      number: 17,
      text: 'Согласование заказа со специалистом УО',
      by: [[MUNICIPALITY, 'До 23 марта']],
      completion: { kind: 'orders', state: 'agreed', round: 2 },
    },
    {
      number: 18,
      text:
        'Подготовка специалистом муниципалитета бумажного варианта сформированных заказов по издательствам и по школам, ' +
        'с согласованной подписью директора школы (о верности заказа)',
      by: [[MUNICIPALITY, 'До 23 марта']],
    },
    {
      number: 19,
      text:
        'Формирование заказа по потребности (нажать в «Корзине» собранного заказа по потребности кнопку «Сформировать заказ»)',
      by: [[SCHOOLS, 'До 23 марта']],
      completion: { kind: 'orders', state: 'formed', round: 2 },
    },
    {
      number: 20,
      text:
        'Формирование уточненного заказа по издательствам, согласованного с МО и Н УР и представленного на бумажном носителе',
      by: [[MUNICIPALITY, 'До 26 марта']],
      completion: { kind: 'consolidation', scope: 'municipality', round: 2 },
    },
    {
      number: 21,
      text: 'Сбор региональных сводов по издательствам. Проверка и анализ заказа',
      by: [[MINISTRY, 'До 28 марта']],
      completion: { kind: 'consolidation', scope: 'region', round: 2 },
    },
    {
      number: 22,
      text:
        'Подготовка и формирование к контакту (выгрузка из АИС «Заказ учебников») пакета спецификаций для всех школ региона.',
      by: [[REGIONAL_CENTRE, 'До 28 марта']],
      completion: { kind: 'specifications' },
    },
  ];
  return {
    id: 'textbooks',
    title: `План работы с АИС «Заказ учебников» по формированию потребности в учебниках на ${year} г.`,
    campaign_year: year,
    stages: buildStages(stages, year),
    executor_columns: [SCHOOLS, MUNICIPALITY, REGIONAL_CENTRE, MINISTRY],
  };
}

/** The year plan 003's preparation starts in (December 2019 for the 2020/2021 school year). */
const FIRST_GRADE_SEED_YEAR = 2019;

/**
 * Plan 003: preparing the electronic admission to first grade, 8 stages. The seed is written for
 * the 2020/2021 school year with full dates from December 2019 to January 2020. For another
 * `startYear` every year in the plan — dates, the school year in the title and in stage 2 — moves
 * by `startYear − 2019`, so the calendar days stay those of the seed. Stage 8 keeps the seed's own
 * mistake «До 20.01.2019» (one year before the campaign, moved like the rest): it is data, and
 * `deadlines lint` reports it.
 */
export function firstGradePlan(startYear: number): Plan {
  const shift = startYear - FIRST_GRADE_SEED_YEAR;
  const y = (s: string): string => (shift === 0 ? s : s.replace(/(?<!\d)20\d\d(?!\d)/gu, (yyyy) => String(Number(yyyy) + shift)));
  const stages: StageSource[] = [
    {
      number: 1,
      text:
        'Информирование родителей (законных представителей) об обязательной регистрации в федеральной информационной системе ' +
        '«Единая система идентификации и аутентификации» (далее - ЕСИА) для самостоятельной подачи заявления в 1-ый класс',
      by: [['Руководители ОО и ДОУ', 'в течение всего периода проведения приемной кампании']],
    },
    {
      number: 2,
      text: y(
        'Информирование родителей (законных представителей) о порядке и сроках предоставления муниципальной услуги ' +
          '«Прием граждан на обучение по образовательным программам начального общего, основного общего и среднего общего образования» ' +
          'в электронной форме на 2020/2021 учебный год в соответствии с рекомендациями по размещению информации:\n' +
          '- на официальных сайтах муниципальных органов, осуществляющих управление в сфере образования (МООУСО),\n' +
          '- на официальных сайтах образовательных организаций (ОО),\n' +
          '- на информационных стендах ОО',
      ),
      by: [
        ['Руководители МООУСО', y('До 27.12.2019')],
        ['ДОУ', y('До 27.12.2019')],
        ['ОО', y('До 27.12.2019')],
      ],
    },
    {
      number: 3,
      text:
        'Информирование родителей (законных представителей) будущих первоклассников с обязательным ведением протоколов родительских собраний:\n' +
        '- о порядке и сроках проведения процедуры записи в первый класс,\n' +
        '- о получении разрешения о приеме в первый класс ребенка до достижения им возраста шести лет и шести месяцев или после достижения им возраста восьми лет,\n' +
        '- о регистрации в системе ЕСИА',
      by: [['Руководители ДОО', y('До 27.12.2019')]],
      completion: { kind: 'meetings' },
    },
    {
      number: 4,
      text:
        'Утверждение сотрудников МООУСО, ответственных за управление процессами использования модуля «Зачисление в ООО» ' +
        'АИС «Е-услуги. Образование» (только в случае замены ответственных)',
      by: [['Руководители МООУСО', y('До 16.12.2019')]],
      completion: { kind: 'operators', unit: 'municipality', step: 'approved' },
    },
    {
      number: 5,
      text: 'Утверждение списка главных операторов (не ниже уровня заместителя директора ОО) и операторов ОО.',
      by: [['Руководители ОО', y('До 16.12.2019')]],
      completion: { kind: 'operators', unit: 'school', step: 'approved' },
    },
    {
      number: 6,
      text:
        'Подача заявок в ГБУ РЦОКОСО, отдел сопровождения ГИС РО посредством программы VipNet (Приложение «Деловая почта») ' +
        'пользователю РЦОКО/Корниенко Светлана Анатольевна об изменении списка операторов и получение новых учетных записей.',
      by: [['ГБУ РЦОКОСО', y('До 10.01.2020')]],
      completion: { kind: 'operators', unit: 'school', step: 'application' },
    },
    {
      number: 7,
      text:
        'Корректировка информации об ОО в АИС   «Е-услуги. Образование»\n' +
        'Создание 1-го класса и внесение количества вакантных мест для зачисления в 1-ые классы ОО',
      by: [['Главные операторы ОО', y('До 17.01.2020')]],
      completion: { kind: 'vacancies', step: 'submitted' },
    },
    {
      number: 8,
      text: 'Утверждение сведений об ОО и вакансий для зачисления в 1-ые классы',
      by: [['Сотрудники МООУСО, курирующие ОО', y('До 20.01.2019')]],
      completion: { kind: 'vacancies', step: 'approved' },
    },
  ];
  return {
    id: 'first-grade',
    title: y(
      'План основных мероприятий по подготовке к приему в первый класс в электронной форме на 2020/2021 учебный год',
    ),
    campaign_year: startYear,
    stages: buildStages(stages, startYear),
    notes: [
      'МООУСО – муниципальные органы, осуществляющие управление в сфере образования',
      'ДОУ – дошкольные образовательные учреждения',
      'ОО – образовательные организации',
    ],
  };
}
