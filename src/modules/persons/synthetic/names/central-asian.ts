import { words, type NameList } from './types';

/** Kazakh names as Kazakh passports give them in Cyrillic (Russian letters), common first. */
export const KAZAKH: NameList = {
  male: words(`
    Нурлан Ерлан Асхат Бауыржан Ержан Серик Данияр Арман Айдар Марат Канат Жандос Нурсултан
    Алмас Ербол Даулет Азамат Руслан Тимур Ринат Бекзат Ерасыл Дамир Мади Алибек Айбек Нуржан
    Бахытжан Талгат Болат Санжар Темирлан Мирас Ерназар Олжас Аскар Кайрат Мухтар
  `),
  female: words(`
    Айгерим Гульнара Динара Айжан Асель Жанар Сауле Гульмира Алия Назерке Мадина Дана Аружан
    Жулдыз Айнур Салтанат Меруерт Камила Томирис Акбота Гаухар Ботагоз Айдана Балжан Лаура
    Айым Жибек Индира Карлыгаш Сабина Асем Дильназ Гульшат Шолпан Аида Зарина
  `),
  surnames: words(`
    Ахметов Омаров Ибраимов Сулейменов Исмаилов Абдрахманов Жумабаев Нурпеисов Касымов Токаев
    Байжанов Ермеков Мухамедов Садыков Амиров Тулегенов Жаксыбеков Абилов Кенжебаев Сагинтаев
    Утепов Бекмуханов Искаков Иманбаев Мусин Есенов Оспанов Калиев Нургалиев Сейтказиев
    Бейсенов Куанышев Серикбаев Джаксылыков Смагулов Шаймерденов Турсынбаев Алдабергенов
    Мамырбаев Рахимжанов Толеуов Ергалиев
  `),
  places: [
    ['Алматы', 'Almaty', 'Алма-Ата'],
    ['Астана', 'Astana', 'Нур-Султан', 'Целиноград'],
    ['Шымкент', 'Shymkent', 'Чимкент'],
    ['Караганда', 'Karaganda', 'Qaraghandy'],
    ['Актобе', 'Aktobe', 'Актюбинск'],
    ['Павлодар', 'Pavlodar'],
    ['Тараз', 'Taraz', 'Джамбул'],
    ['Усть-Каменогорск', 'Ust-Kamenogorsk', 'Oskemen'],
    ['Кызылорда', 'Kyzylorda'],
  ],
};

/** Kyrgyz names in Cyrillic, common first. */
export const KYRGYZ: NameList = {
  male: words(`
    Азамат Бакыт Нурбек Эрлан Улан Айбек Талант Мирлан Эрмек Алмаз Бектур Канат Чынгыз
    Курманбек Нурлан Адилет Бекболот Жоомарт Нурсултан Эмил Болот Марлен Данияр Тилек Улукбек
    Айдар Максат Мелис Санжар Эрбол Кубанычбек Темирбек
  `),
  female: words(`
    Айгуль Жылдыз Нургуль Айпери Бермет Гулзат Чолпон Назгуль Айзада Асель Мээрим Динара
    Гулнара Айдай Каныкей Элнура Бегимай Нуриза Айсулуу Жамиля Акмоор Салкын Алтынай Сезим
    Айтолкун Гульмира Нурай Урмат Чынара Эльмира Мирана Тумар
  `),
  surnames: words(`
    Асанов Усенов Токтогулов Мамытов Абдыкадыров Джумабеков Осмонов Исаков Сыдыков Бакиев
    Атамбаев Жээнбеков Кадыров Бекташев Турдубаев Эсенгулов Иманкулов Алиев Мамбетов
    Кубатбеков Сатыбалдиев Орозбеков Токтоматов Абдраимов Чолпонкулов Жусупов Айтматов
    Касымалиев Сооронбаев Бейшеналиев Токтосунов Медетбеков Нурматов Эгембердиев Шаршеналиев
  `),
  places: [
    ['Бишкек', 'Bishkek', 'Фрунзе'],
    ['Ош', 'Osh'],
    ['Джалал-Абад', 'Jalal-Abad', 'Dzhalal-Abad'],
    ['Каракол', 'Karakol', 'Пржевальск'],
    ['Токмок', 'Tokmok', 'Токмак'],
    ['Нарын', 'Naryn'],
    ['Талас', 'Talas'],
    ['Баткен', 'Batken'],
  ],
};

/** Tajik names as Tajik passports give them in Cyrillic, common first. */
export const TAJIK: NameList = {
  male: words(`
    Фаррух Фирдавс Шахзод Далер Бахтиёр Рустам Умед Сухроб Джамшед Шерзод Фарход Манучехр
    Парвиз Комрон Хуршед Абдулло Саидали Исмоил Зафар Мехрож Шахром Навруз Ёдгор Илхом Азиз
    Бехруз Фаридун Амирхон Самандар Рахмон Шодмон Сорбон Нозим Хусрав
  `),
  female: words(`
    Мадина Нигина Зарина Шахноза Малика Гулнора Парвина Мохира Дилноза Фарангис Тахмина
    Мижгона Нилуфар Сабрина Хуршеда Зулфия Мунира Ситора Шабнам Манижа Гулчехра Дилафруз Лола
    Мехрангез Озода Рухшона Сурайё Фотима Шахло Барно Гулбахор Мохру
  `),
  surnames: words(`
    Рахимов Каримов Назаров Саидов Шарипов Мирзоев Холов Сафаров Рахмонов Ахмедов Юсупов
    Давлатов Одинаев Шарифов Курбонов Азизов Набиев Султонов Хакимов Иброгимов Бобоев Сангинов
    Насриддинов Исмоилов Джураев Латипов Махмадов Зоиров Раджабов Файзуллоев Гафуров Кодиров
    Абдуллоев Турсунов Хасанов Муродов Олимов Эмомов
  `),
  places: [
    ['Душанбе', 'Dushanbe', 'Сталинабад'],
    ['Худжанд', 'Khujand', 'Ленинабад'],
    ['Куляб', 'Kulob', 'Kulyab'],
    ['Бохтар', 'Bokhtar', 'Курган-Тюбе'],
    ['Истаравшан', 'Istaravshan', 'Ура-Тюбе'],
    ['Турсунзаде', 'Tursunzoda', 'Tursunzade'],
    ['Хорог', 'Khorog'],
    ['Пенджикент', 'Panjakent', 'Penjikent'],
  ],
};

/** Uzbek names in the Uzbek Latin alphabet (o', g', sh, ch, x, q), common first. */
export const UZBEK: NameList = {
  male: words(`
    Aziz Bobur Jasur Sardor Otabek Sherzod Dilshod Bekzod Javlon Shaxzod Jahongir Akmal Anvar
    Farrux Rustam Ulug'bek Doniyor Sanjar Islom Abdulla Jamshid Alisher Nodir Ravshan Umid
    Shohruh Behruz Sarvar Temur Oybek Xurshid Asilbek Diyorbek Elyor Zafar Mirjalol Nurbek
    Odil Qahramon Shuhrat Komil Baxtiyor
  `),
  female: words(`
    Dilnoza Gulnora Madina Nilufar Shahnoza Malika Zarina Sevara Nodira Dilfuza Feruza Kamola
    Mohira Nigora Umida Yulduz Gulshan Munisa Sabina Maftuna Zulfiya Saida Barno Diyora Sitora
    Mehriniso Durdona Marjona Laylo Ozoda Shahlo Gulbahor Iroda Charos Xurshida Muxlisa Robiya
    Hilola Nasiba Zilola
  `),
  surnames: words(`
    Karimov Rahimov Abdullayev Yusupov Tursunov Ismoilov Usmonov Aliyev Rashidov Saidov
    Nazarov Mirzayev Qodirov Xolmatov Ergashev Sultonov Toshmatov Haydarov Normatov Jo'rayev
    Sobirov Rustamov Axmedov Mahmudov Hamidov Boboyev Sharipov Yo'ldoshev Xasanov Alimov
    Qosimov Umarov Nurmatov G'aniyev Xudoyberdiyev Jumayev Mamatov Sodiqov Raxmonov Bozorov
    Egamberdiyev Norqulov Abdurahmonov Ochilov
  `),
  places: [
    ['Toshkent', 'Tashkent', 'Ташкент'],
    ['Samarqand', 'Samarkand', 'Самарканд'],
    ['Buxoro', 'Bukhara', 'Бухара'],
    ['Andijon', 'Andijan', 'Андижан'],
    ["Farg'ona", 'Fergana', 'Фергана'],
    ['Namangan', 'Наманган'],
    ['Qarshi', 'Karshi', 'Карши'],
    ['Nukus', 'Нукус'],
    ['Urganch', 'Urgench', 'Ургенч'],
    ['Jizzax', 'Jizzakh', 'Джизак'],
  ],
};
