// Phrase banks for generated chats: what visitors of a B2B software site, a Ukrainian smart-home
// shop and a Russian conversational-AI cloud actually ask an assistant, in their languages.
// Placeholders in braces are filled by `fill`.

export type Language = 'en' | 'uk' | 'ru';

export const topics = ['pricing', 'integration', 'security', 'deletion', 'onboarding'] as const;
export type Topic = (typeof topics)[number];

/** A visitor's question and the assistant's answer. {n}: a number of people; {retention}: the site's retention in days. */
export type Exchange = readonly [question: string, answer: string];

type TopicPhrases = {
  /** Questions that can open a chat. */
  openers: readonly Exchange[];
  /** Questions that only make sense after an opener on the same topic. */
  followUps: readonly Exchange[];
};

/** A message that held payment data; the placeholders stand where the redactor cut it out. */
type RedactedMessage = { text: string; redactionCount: number };

export type PhraseBank = {
  greetings: readonly string[];
  topics: Record<Topic, TopicPhrases>;
  /** Small additions to a chat's first question, so otherwise identical openings differ. */
  tails: readonly string[];
  visitorClosings: readonly string[];
  assistantClosings: readonly string[];
  /** Appended to an answer right before the visitor types their details. */
  askContact: readonly string[];
  /** {name}, {jobTitle}, {company}, {email}. */
  contactShares: readonly string[];
  /** {phone}. */
  phoneShares: readonly string[];
  /** {first}. */
  contactThanks: readonly string[];
  /** An address given in passing, not as lead details. {email}. */
  emailMentions: readonly string[];
  mentionReplies: readonly string[];
  redacted: readonly RedactedMessage[];
  redactionWarnings: readonly string[];
  /** A visitor who says they are a minor. */
  childMessages: readonly string[];
  childReplies: readonly string[];
  jobTitles: readonly string[];
  /** [company name, domain label]. */
  companies: readonly (readonly [string, string])[];
};

const en: PhraseBank = {
  greetings: ['Hi!', 'Hello.', 'Hey there.', 'Good morning!', 'Hi, quick question.', ''],
  topics: {
    pricing: {
      openers: [
        [
          'How much does your plan cost for a team of {n} people?',
          'For {n} people the Business plan fits best: $12 per seat per month, billed annually. Sales can send an exact quote.',
        ],
        [
          'Do you have a free trial?',
          'Yes, there is a 14-day free trial with every feature enabled and no card required.',
        ],
        [
          "What's the difference between the Standard and Business plans?",
          'Standard covers the core features for up to 5 seats; Business adds SSO, audit logs and priority support.',
        ],
        ['Is there a discount if we pay annually?', 'Yes, annual billing comes with a 15% discount.'],
        [
          'Can we get a quote for about {n} users?',
          'Of course. For {n} users we prepare a custom quote; I can pass your request to our sales team.',
        ],
        [
          'Are there any setup fees on top of the monthly price?',
          'There are no setup fees: you only pay the monthly or annual subscription.',
        ],
      ],
      followUps: [
        [
          'Does that price include support?',
          'Email support is included in every plan; Business adds a four-hour response time.',
        ],
        [
          'And what happens if we go over the limit?',
          'Nothing stops working: we let you know, and you can add seats at the same price.',
        ],
        [
          'Can we switch plans later without losing data?',
          'Yes, you can upgrade or downgrade at any time and keep all your data.',
        ],
        [
          'Is VAT included in that figure?',
          'Prices are shown without VAT; it is added at checkout where it applies.',
        ],
      ],
    },
    integration: {
      openers: [
        [
          'Does it integrate with Salesforce or HubSpot?',
          'Yes, there are native connectors for HubSpot, Salesforce and Pipedrive, and a generic webhook for everything else.',
        ],
        [
          'Do you have a REST API we could call from our backend?',
          'Yes. Our REST and GraphQL APIs are publicly documented, and tokens are scoped per integration.',
        ],
        [
          'Can we connect it to our Shopify store?',
          'Yes, there is a Shopify app; installing it takes about ten minutes.',
        ],
        [
          'Is there a webhook when a new lead comes in?',
          'Yes, you can subscribe a webhook to new leads and to status changes.',
        ],
        [
          'Do you support single sign-on with Google Workspace or Azure AD?',
          'Single sign-on through SAML and OpenID Connect, Google Workspace and Azure AD included, is part of the Business plan.',
        ],
      ],
      followUps: [
        [
          'Is the API rate-limited?',
          'The API allows 600 requests per minute per token; higher limits are available on request.',
        ],
        ['Do you have an SDK for Node.js?', 'Yes, we maintain SDKs for Node.js and Python.'],
        [
          'How long does a typical integration take?',
          'Most customers finish the integration in one or two days.',
        ],
      ],
    },
    security: {
      openers: [
        [
          'Where is our data stored?',
          'Data is stored in the EU (Frankfurt) by default; a US region is available on request.',
        ],
        [
          'Are you GDPR compliant?',
          'Yes. We act as a processor under a DPA, keep data in the EU by default and answer data-subject requests within the legal deadlines.',
        ],
        [
          'Do you encrypt data at rest?',
          'Yes, everything is encrypted at rest with AES-256 and in transit with TLS 1.3.',
        ],
        [
          'Can we sign a data processing agreement with you?',
          'Yes, we sign a DPA with standard contractual clauses. I can send you the template.',
        ],
        [
          'Do you have SOC 2 or ISO 27001?',
          'We are ISO 27001 certified, and our SOC 2 Type II report is available under NDA.',
        ],
      ],
      followUps: [
        [
          'Who on your side can access our conversations?',
          'Only the support engineers you grant access to, and every access is written to an audit log.',
        ],
        [
          'Do you use our data to train your models?',
          'No, we never use customer conversations to train models.',
        ],
        [
          'Do you use subprocessors outside the EU?',
          'Our subprocessor list is public; each of them processes data in the EU or under standard contractual clauses.',
        ],
      ],
    },
    deletion: {
      openers: [
        [
          'How long do you keep this chat?',
          'Chat logs are kept for {retention} days after the last message and then deleted automatically.',
        ],
        [
          'Can I delete my conversation afterwards?',
          'Yes. Send a one-line request from the email you gave the assistant and we delete every conversation linked to it.',
        ],
        [
          'What happens to my contact details if I share them here?',
          'They are stored with this conversation so our team can follow up. We never sell them.',
        ],
        [
          'How do I get a copy of the data you hold about me?',
          'Email our privacy team and we send you a copy within the deadline our privacy policy sets.',
        ],
      ],
      followUps: [
        [
          'Do you also delete it from backups?',
          'Yes, backups are overwritten on a rolling basis, so deleted data disappears from them within 30 days.',
        ],
        [
          'How long does a deletion request take?',
          'We delete within the deadline in our privacy policy and confirm by reply.',
        ],
      ],
    },
    onboarding: {
      openers: [
        ['How quickly can we get started?', 'Most teams are up and running within a week.'],
        [
          'Do you help with the initial setup?',
          'Yes, every new customer gets an onboarding call and a named customer success manager.',
        ],
        [
          'What does onboarding look like for a team of {n}?',
          'For {n} people we run a kickoff call, a two-week pilot and a training session for admins.',
        ],
        [
          'Could you deliver a pilot before the end of the quarter?',
          'Yes, a pilot usually takes two to three weeks. We can hold the kickoff as early as next week.',
        ],
      ],
      followUps: [
        ['Do we get a dedicated manager?', 'Yes, a named customer success manager from day one.'],
        ['Is training included?', 'Training sessions for your team are included in the Business plan.'],
      ],
    },
  },
  tails: [
    '',
    '',
    '',
    ' Thanks in advance.',
    ' Just curious.',
    ' We are comparing a few vendors.',
    ' Asking for my team.',
  ],
  visitorClosings: [
    "Thanks, that's helpful.",
    'Great, thank you!',
    "OK, I'll discuss it with my team.",
    'Perfect, that answers my question.',
  ],
  assistantClosings: [
    "You're welcome! Is there anything else I can help with?",
    'Glad I could help. Have a great day!',
  ],
  askContact: [
    ' Would you like our team to follow up? If so, share your name, role, email and company.',
    ' I can have a specialist contact you; just leave your details here.',
  ],
  contactShares: [
    "Sure. I'm {name}, {jobTitle} at {company}. You can reach me at {email}.",
    'My name is {name}, I work as {jobTitle} at {company}. Email: {email}',
    '{name}, {jobTitle}, {company}. Best to write to {email}.',
  ],
  phoneShares: [' Phone: {phone}.', ' Or call me on {phone}.'],
  contactThanks: [
    'Thank you, {first}! Someone from our team will get back to you within one business day.',
    'Thanks, {first}. I have passed your details to our sales team.',
  ],
  emailMentions: [
    'Could you send the details to {email}?',
    "Please email the proposal to {email}, I'm not always on chat.",
    'My colleague asked to be copied: {email}.',
  ],
  mentionReplies: [
    'Noted. Our team will send it to that address shortly.',
    'Thanks, I have forwarded your request to our team.',
  ],
  redacted: [
    {
      text: "Can I just pay by card here? It's [REDACTED CARD], expiry [REDACTED EXPIRY], CVV [REDACTED CVV].",
      redactionCount: 3,
    },
    { text: 'My card [REDACTED CARD] was charged twice last month, can you check?', redactionCount: 1 },
    { text: 'Please send the invoice to be paid from IBAN [REDACTED IBAN].', redactionCount: 1 },
  ],
  redactionWarnings: [
    "Please don't share payment card details in this chat. We removed them from the log; our billing team can send you a secure payment link.",
  ],
  childMessages: ["I'm 14, can I use this for my school project?"],
  childReplies: [
    'Our services are not meant for anyone under 16, so I cannot help with that. Please ask a parent or teacher to contact us.',
  ],
  jobTitles: [
    'Head of Sales',
    'CTO',
    'Marketing Manager',
    'Product Manager',
    'Operations Director',
    'Founder',
    'IT Manager',
    'Customer Support Lead',
    'Procurement Specialist',
    'Data Protection Officer',
  ],
  companies: [
    ['Bluefin Logistics', 'bluefin-logistics'],
    ['Cedar Health', 'cedarhealth'],
    ['Orbital Analytics', 'orbital-analytics'],
    ['Harbor & Finch', 'harborfinch'],
    ['Lumen Retail', 'lumenretail'],
    ['Kestrel Robotics', 'kestrel-robotics'],
    ['Maple Street Bank', 'maplestreetbank'],
    ['Quarry Labs', 'quarrylabs'],
    ['Tidewater Media', 'tidewater-media'],
    ['Northstar Freight', 'northstar-freight'],
    ['Brightline Education', 'brightline-edu'],
    ['Vantage Insurance', 'vantage-insurance'],
  ],
};

const uk: PhraseBank = {
  greetings: ['Добрий день!', 'Вітаю!', 'Привіт.', 'Доброго ранку!', 'Добрий день, маю питання.', ''],
  topics: {
    pricing: {
      openers: [
        [
          'Скільки коштує тариф для команди з {n} людей?',
          'Для {n} людей найкраще підійде тариф «Бізнес»: 450 грн за користувача на місяць при оплаті за рік. Точну пропозицію підготує відділ продажів.',
        ],
        ['У вас є безкоштовний пробний період?', 'Так, 14 днів з усіма функціями, картка не потрібна.'],
        [
          'Чим відрізняються тарифи «Стандарт» і «Бізнес»?',
          '«Стандарт» містить основні функції для 5 користувачів, а «Бізнес» додає SSO, журнал аудиту та пріоритетну підтримку.',
        ],
        ['Чи є знижка при оплаті за рік?', 'Так, при оплаті за рік діє знижка 15%.'],
        [
          'Можна отримати комерційну пропозицію приблизно на {n} користувачів?',
          'Звісно. Для {n} користувачів ми підготуємо індивідуальну пропозицію, я передам ваш запит відділу продажів.',
        ],
        [
          'Чи є додаткова плата за підключення?',
          'Ні, плати за підключення немає: ви сплачуєте лише підписку.',
        ],
      ],
      followUps: [
        [
          'Чи входить у цю ціну підтримка?',
          'Так, підтримка електронною поштою входить у всі тарифи, а в «Бізнесі» ми відповідаємо протягом чотирьох годин.',
        ],
        [
          'А що буде, якщо ми перевищимо ліміт?',
          'Нічого не зупиниться: ми вас повідомимо, і ви зможете додати користувачів за тією ж ціною.',
        ],
        [
          'Чи можна пізніше змінити тариф без втрати даних?',
          'Так, тариф можна змінити будь-коли, усі дані зберігаються.',
        ],
        ['Це ціна з ПДВ?', 'Так, ціни вказані з ПДВ.'],
      ],
    },
    integration: {
      openers: [
        [
          'Чи є інтеграція з Google Home або Apple Home?',
          'Так, наш хаб працює з Google Home, Apple Home і Amazon Alexa.',
        ],
        [
          'У вас є API, яке можна викликати з нашого бекенду?',
          'Так, наше REST API описане в публічній документації, ключі доступу видаються окремо для кожної інтеграції.',
        ],
        [
          'Можна підключити ваш сервіс до нашого інтернет-магазину на Хорошопі?',
          'Так, для Хорошопа є готовий модуль, підключення займає близько десяти хвилин.',
        ],
        [
          'Чи є вебхук, коли надходить нове замовлення?',
          'Так, можна підписати вебхук на нові замовлення та зміни їхнього статусу.',
        ],
        ['Чи є інтеграція з BAS або 1С?', 'Так, обмін даними з BAS і 1С налаштовується через наш модуль.'],
      ],
      followUps: [
        [
          'Чи є обмеження на кількість запитів до API?',
          'До 600 запитів на хвилину на один ключ; більший ліміт — за запитом.',
        ],
        ['Чи є мобільний застосунок?', 'Так, мобільний застосунок доступний для Android та iOS.'],
        [
          'Скільки часу зазвичай займає підключення?',
          'Зазвичай один-два дні, з нашою допомогою — ще швидше.',
        ],
      ],
    },
    security: {
      openers: [
        [
          'Де зберігаються наші дані?',
          'Дані зберігаються на серверах у ЄС, резервні копії також шифруються.',
        ],
        [
          'Як ви захищаєте персональні дані клієнтів?',
          'Доступ до даних мають лише уповноважені працівники, кожен перегляд фіксується в журналі.',
        ],
        [
          'Чи шифруєте ви дані?',
          'Так, усі дані передаються через TLS і зберігаються в зашифрованому вигляді.',
        ],
        [
          'Чи можна укласти з вами договір про обробку персональних даних?',
          'Так, ми укладаємо такий договір. Можу надіслати шаблон.',
        ],
        [
          'Хто має доступ до записів з моїх камер?',
          'Записи бачите лише ви та люди, яким ви надали доступ у застосунку.',
        ],
      ],
      followUps: [
        [
          'Ви передаєте дані третім особам?',
          'Ні, без вашої згоди ми не передаємо дані третім особам, крім випадків, передбачених законом.',
        ],
        [
          'Хто з ваших працівників бачить наші розмови?',
          'Лише працівники підтримки, яким це потрібно для відповіді, і кожен доступ записується в журнал.',
        ],
      ],
    },
    deletion: {
      openers: [
        [
          'Як довго ви зберігаєте цей чат?',
          'Листування зберігається {retention} днів після останнього повідомлення, потім видаляється автоматично.',
        ],
        [
          'Чи можу я потім видалити свою розмову?',
          'Так. Надішліть запит з тієї адреси, яку ви вказали в чаті, і ми видалимо всі пов’язані з нею розмови.',
        ],
        [
          'Що буде з моїми контактами, якщо я залишу їх тут?',
          'Вони зберігаються разом із розмовою, щоб наш менеджер міг з вами зв’язатися. Ми їх нікому не продаємо.',
        ],
        [
          'Як отримати копію даних, які ви про мене зберігаєте?',
          'Напишіть нашій службі захисту персональних даних, і ми надішлемо копію у строк, визначений політикою конфіденційності.',
        ],
      ],
      followUps: [
        ['А з резервних копій теж видаляєте?', 'Так, з резервних копій дані зникають протягом 30 днів.'],
        [
          'Скільки часу розглядається запит на видалення?',
          'Ми розглядаємо запит і підтверджуємо видалення відповіддю у строк, визначений нашою політикою.',
        ],
      ],
    },
    onboarding: {
      openers: [
        ['Як швидко ви доставляєте замовлення до Львова?', 'Доставка Новою поштою займає один-два дні.'],
        [
          'Ви допомагаєте з налаштуванням?',
          'Так, кожен новий клієнт отримує вступний дзвінок і персонального менеджера.',
        ],
        [
          'Скільки часу займе впровадження для команди з {n} людей?',
          'Для {n} людей зазвичай достатньо тижня: вступна зустріч, пілот і навчання адміністраторів.',
        ],
        [
          'Чи можна замовити демонстрацію?',
          'Так, демонстрацію можна провести онлайн або в нашому офісі в Києві.',
        ],
      ],
      followUps: [
        ['Чи буде в нас персональний менеджер?', 'Так, персональний менеджер з першого дня.'],
        ['Навчання персоналу входить у вартість?', 'Так, навчання входить у тариф «Бізнес».'],
      ],
    },
  },
  tails: ['', '', '', ' Дякую заздалегідь.', ' Просто цікаво.', ' Порівнюємо кілька варіантів.'],
  visitorClosings: [
    'Дякую, це корисно.',
    'Чудово, дякую!',
    'Добре, обговорю з колегами.',
    'Зрозуміло, дякую.',
  ],
  assistantClosings: ['Будь ласка! Чим ще можу допомогти?', 'Радий допомогти. Гарного дня!'],
  askContact: [
    ' Хочете, щоб наш менеджер з вами зв’язався? Залиште ім’я, посаду, пошту та назву компанії.',
    ' Можу передати ваш запит спеціалісту — просто залиште контакти.',
  ],
  contactShares: [
    'Мене звати {name}, посада — {jobTitle}, компанія «{company}». Пошта: {email}',
    'Так, будь ласка. {name}, {company}, {jobTitle}. Пишіть на {email}.',
  ],
  phoneShares: [' Телефон: {phone}.', ' Або телефонуйте: {phone}.'],
  contactThanks: [
    'Дякую, {first}! Наш менеджер зв’яжеться з вами протягом робочого дня.',
    'Дякую, {first}, я передав ваші контакти відділу продажів.',
  ],
  emailMentions: [
    'Надішліть, будь ласка, деталі на {email}.',
    'Комерційну пропозицію краще надіслати на {email}.',
    'Продублюйте, будь ласка, на {email}.',
  ],
  mentionReplies: ['Добре, наші колеги надішлють усе на цю адресу.', 'Дякую, передав ваш запит команді.'],
  redacted: [
    {
      text: 'Можна оплатити карткою тут? Номер [REDACTED CARD], термін дії [REDACTED EXPIRY], CVV [REDACTED CVV].',
      redactionCount: 3,
    },
    { text: 'З моєї картки [REDACTED CARD] двічі списали гроші, перевірте, будь ласка.', redactionCount: 1 },
    { text: 'Виставте рахунок на IBAN [REDACTED IBAN].', redactionCount: 1 },
  ],
  redactionWarnings: [
    'Будь ласка, не надсилайте дані платіжної картки в чат. Ми видалили їх із журналу; для оплати надішлемо вам безпечне посилання.',
  ],
  childMessages: ['Мені 13 років, можна я замовлю камеру сам?'],
  childReplies: [
    'Наш магазин не обслуговує дітей без батьків. Попросіть, будь ласка, когось із дорослих зв’язатися з нами.',
  ],
  jobTitles: [
    'Керівник відділу продажів',
    'Технічний директор',
    'Маркетолог',
    'Продакт-менеджер',
    'Операційний директор',
    'Засновник',
    'Системний адміністратор',
    'Керівник служби підтримки',
    'Менеджер із закупівель',
  ],
  companies: [
    ['Карпатський Софт', 'karpatsoft'],
    ['Дніпро Логістик', 'dnipro-logistic'],
    ['Зелена Оселя', 'zelena-oselia'],
    ['Київ Діджитал', 'kyiv-digital'],
    ['Полтавська Агрофірма', 'poltava-agro'],
    ['Сонячна Енергія', 'sonyachna-energy'],
    ['Одеса Порт Сервіс', 'odesa-port'],
    ['Техностар', 'technostar'],
    ['Будмайстер', 'budmaister'],
    ['Фудмаркет', 'foodmarket'],
  ],
};

const ru: PhraseBank = {
  greetings: ['Здравствуйте!', 'Добрый день!', 'Привет.', 'Доброе утро!', 'Добрый день, есть вопрос.', ''],
  topics: {
    pricing: {
      openers: [
        [
          'Сколько стоит тариф для команды из {n} человек?',
          'Для {n} человек лучше всего подойдёт тариф «Бизнес»; точное предложение подготовит отдел продаж.',
        ],
        ['Есть ли бесплатный пробный период?', 'Да, 14 дней со всеми функциями.'],
        [
          'Чем отличаются тарифы «Стандарт» и «Бизнес»?',
          '«Стандарт» включает 5 000 диалогов в месяц, «Бизнес» добавляет SSO, журнал аудита и приоритетную поддержку.',
        ],
        ['Есть ли скидка при оплате за год?', 'Да, при оплате за год действует скидка 15%.'],
        [
          'Можно получить коммерческое предложение примерно на {n} пользователей?',
          'Конечно. Для {n} пользователей мы подготовим индивидуальное предложение, я передам запрос отделу продаж.',
        ],
        [
          'Сколько стоит один диалог сверх лимита?',
          'Диалоги сверх лимита стоят 3 ₽ за штуку, подробности есть в личном кабинете.',
        ],
      ],
      followUps: [
        [
          'Поддержка входит в эту стоимость?',
          'Да, поддержка по почте входит во все тарифы, в «Бизнесе» мы отвечаем в течение четырёх часов.',
        ],
        [
          'А что будет, если мы превысим лимит?',
          'Бот продолжит работать, а дополнительные диалоги спишутся по тарифу.',
        ],
        [
          'Можно потом сменить тариф без потери данных?',
          'Да, тариф можно сменить в любой момент, все данные сохранятся.',
        ],
        ['Цена указана с НДС?', 'Цены указаны без НДС.'],
      ],
    },
    integration: {
      openers: [
        [
          'Можно подключить бота к Telegram и WhatsApp?',
          'Да, бот подключается к Telegram, WhatsApp, VK и виджету на сайте без программирования.',
        ],
        [
          'Есть ли у вас API для интеграции с нашей CRM?',
          'Есть REST API и вебхуки, документация опубликована на нашем сайте.',
        ],
        [
          'Работаете с Битрикс24 и amoCRM?',
          'Да, для Битрикс24 и amoCRM есть готовые интеграции, для остальных CRM — вебхуки.',
        ],
        [
          'Можно ли передавать диалог оператору?',
          'Да, перевод на оператора настраивается в сценарии в пару кликов.',
        ],
        [
          'Поддерживается ли распознавание речи для телефонных звонков?',
          'Да, голосовые боты распознают и синтезируют речь на русском и английском.',
        ],
      ],
      followUps: [
        [
          'Есть ли ограничения на число запросов к API?',
          'До 600 запросов в минуту на токен, больше — по запросу.',
        ],
        ['Есть SDK для Python?', 'Да, есть SDK для Python и Node.js.'],
        ['Сколько обычно занимает интеграция?', 'Обычно один-два дня.'],
      ],
    },
    security: {
      openers: [
        [
          'Где хранятся наши данные?',
          'Данные граждан РФ записываются и хранятся в базах данных на территории России.',
        ],
        [
          'Вы соблюдаете 152-ФЗ?',
          'Да, обработка персональных данных ведётся по 152-ФЗ, политика конфиденциальности опубликована на сайте.',
        ],
        ['Шифруете ли вы данные?', 'Да, все данные передаются по TLS и хранятся в зашифрованном виде.'],
        [
          'Можно заключить с вами договор поручения на обработку персональных данных?',
          'Да, мы заключаем договор поручения, могу прислать шаблон.',
        ],
        [
          'Используете ли вы наши диалоги для обучения моделей?',
          'Нет, без вашего согласия диалоги для обучения не используются.',
        ],
      ],
      followUps: [
        [
          'Кто из ваших сотрудников видит наши диалоги?',
          'Доступ ограничен по ролям, каждое обращение фиксируется в журнале.',
        ],
        [
          'Передаёте ли вы данные третьим лицам?',
          'Нет, без вашего согласия мы не передаём данные третьим лицам, кроме случаев, предусмотренных законом.',
        ],
      ],
    },
    deletion: {
      openers: [
        [
          'Сколько вы храните этот чат?',
          'Логи диалогов хранятся {retention} дней после последнего сообщения, затем удаляются автоматически.',
        ],
        [
          'Могу ли я удалить свой диалог?',
          'Да. Напишите нам с почты, указанной в чате, и мы удалим все связанные с ней диалоги.',
        ],
        [
          'Что будет с моими контактами, если я оставлю их здесь?',
          'Они хранятся вместе с диалогом, чтобы наш менеджер мог с вами связаться.',
        ],
        [
          'Как получить копию данных, которые вы обо мне храните?',
          'Напишите нам, и мы ответим в течение 30 календарных дней.',
        ],
      ],
      followUps: [
        [
          'А из резервных копий тоже удаляете?',
          'Да, из резервных копий данные исчезают не позднее чем через 30 календарных дней.',
        ],
        [
          'Сколько занимает удаление?',
          'Мы удаляем данные и подтверждаем это ответом не позднее чем через 30 календарных дней.',
        ],
      ],
    },
    onboarding: {
      openers: [
        [
          'Как быстро можно запустить бота?',
          'Простого бота можно запустить за день, пилотный проект обычно занимает две-три недели.',
        ],
        [
          'Вы помогаете с настройкой сценариев?',
          'Да, у каждого клиента есть персональный менеджер и вводный созвон.',
        ],
        [
          'Как проходит внедрение для контакт-центра на {n} операторов?',
          'Для {n} операторов начинаем с пилота на одной линии, затем подключаем остальные.',
        ],
        [
          'Можно сделать пилот до конца квартала?',
          'Да, можем назначить стартовую встречу уже на следующей неделе.',
        ],
      ],
      followUps: [
        ['Будет ли у нас персональный менеджер?', 'Да, персональный менеджер с первого дня.'],
        ['Обучение сотрудников входит в стоимость?', 'Обучение сотрудников входит в тариф «Бизнес».'],
      ],
    },
  },
  tails: ['', '', '', ' Заранее спасибо.', ' Просто интересно.', ' Сравниваем несколько платформ.'],
  visitorClosings: [
    'Спасибо, это полезно.',
    'Отлично, спасибо!',
    'Хорошо, обсужу с коллегами.',
    'Понятно, спасибо.',
  ],
  assistantClosings: ['Пожалуйста! Чем ещё могу помочь?', 'Рад был помочь. Хорошего дня!'],
  askContact: [
    ' Хотите, чтобы наш менеджер с вами связался? Оставьте имя, должность, почту и название компании.',
    ' Могу передать ваш запрос специалисту — просто оставьте контакты.',
  ],
  contactShares: [
    'Меня зовут {name}, должность — {jobTitle}, компания «{company}». Почта: {email}',
    'Да, конечно. {name}, {company}, {jobTitle}. Пишите на {email}.',
  ],
  phoneShares: [' Телефон: {phone}.', ' Или звоните: {phone}.'],
  contactThanks: [
    'Спасибо, {first}! Наш менеджер свяжется с вами в течение рабочего дня.',
    'Спасибо, {first}, я передал ваши контакты отделу продаж.',
  ],
  emailMentions: [
    'Пришлите, пожалуйста, подробности на {email}.',
    'Коммерческое предложение лучше отправить на {email}.',
    'Продублируйте, пожалуйста, на {email}.',
  ],
  mentionReplies: ['Хорошо, коллеги отправят всё на этот адрес.', 'Спасибо, передал ваш запрос команде.'],
  redacted: [
    {
      text: 'Можно оплатить картой прямо здесь? Номер [REDACTED CARD], срок действия [REDACTED EXPIRY], CVV [REDACTED CVV].',
      redactionCount: 3,
    },
    { text: 'С моей карты [REDACTED CARD] дважды списали оплату, проверьте, пожалуйста.', redactionCount: 1 },
    { text: 'Выставьте счёт на IBAN [REDACTED IBAN].', redactionCount: 1 },
  ],
  redactionWarnings: [
    'Пожалуйста, не отправляйте данные банковской карты в чат. Мы удалили их из журнала; для оплаты пришлём безопасную ссылку.',
  ],
  childMessages: ['Мне 15 лет, можно мне сделать бота для школьного проекта?'],
  childReplies: [
    'Наши сервисы не предназначены для лиц младше 18 лет, поэтому я не могу помочь. Попросите родителей связаться с нами.',
  ],
  jobTitles: [
    'Руководитель отдела продаж',
    'Технический директор',
    'Маркетолог',
    'Продакт-менеджер',
    'Операционный директор',
    'Основатель',
    'Системный администратор',
    'Руководитель службы поддержки',
    'Менеджер по закупкам',
  ],
  companies: [
    ['Северный Ритейл', 'sevretail'],
    ['Волга Логистика', 'volga-logistics'],
    ['Уральские Системы', 'uralsys'],
    ['Невский Банк', 'nevskybank'],
    ['Сибирь Телеком', 'sibtelecom'],
    ['Медиахолдинг Восток', 'vostok-media'],
    ['Камская Энергия', 'kama-energy'],
    ['Балтийские Перевозки', 'baltperevozki'],
    ['Технопарк Плюс', 'technopark-plus'],
    ['Ладога Фарм', 'ladoga-pharm'],
  ],
};

export const phraseBanks: Record<Language, PhraseBank> = { en, uk, ru };

/** Fills `{name}`-style placeholders; unknown ones are left as they are. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}

const cyrillicToLatin: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'h',
  ґ: 'g',
  д: 'd',
  е: 'e',
  є: 'ie',
  ж: 'zh',
  з: 'z',
  и: 'y',
  і: 'i',
  ї: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ь: '',
  ю: 'iu',
  я: 'ia',
  ё: 'e',
  ъ: '',
  ы: 'y',
  э: 'e',
  '’': '',
  "'": '',
};
// Russian romanisation differs from Ukrainian for these letters.
const russianToLatin: Readonly<Record<string, string>> = {
  ...cyrillicToLatin,
  г: 'g',
  и: 'i',
  й: 'y',
  ю: 'yu',
  я: 'ya',
};

/** Latin letters for an email local part, as people with Cyrillic names usually write it. */
export function transliterate(text: string, language: Language): string {
  const table = language === 'ru' ? russianToLatin : cyrillicToLatin;
  return [...text.toLowerCase()].map((char) => table[char] ?? char).join('');
}
