//! General words of English, Russian and Vietnamese that the normaliser uses, beside a pack's own vocabulary,
//! to split text spelled letter by letter (`t h i n g s w o u l d` → `things would`). Invariant: the
//! lists hold only everyday words (function words, pronouns, common verbs, nouns and adverbs), written
//! here by hand from general knowledge of the languages, never taken from scam texts; they only ever
//! add word breaks inside spelled runs, so text that spells nothing out is never affected.
//!
//! A known word inside a run of unknown ones splits out, so the pack's words next to words it does not
//! know stop being glued to them. Words of three letters or fewer are left out: the segmenter covers
//! as many letters as it can with known words, and short words hide inside long unknown ones ("ha"
//! in "haбop").

/// Everyday English words of four or more letters (lower case).
pub(crate) const ENGLISH: &[&str] = &[
    "able", "about", "above", "after", "again", "against", "almost", "alone", "along", "already",
    "also", "always", "amount", "another", "answer", "anyone", "anything", "around", "away", "back",
    "because", "become", "been", "before", "behind", "being", "believe", "best", "better", "between",
    "both", "bring", "business", "call", "came", "cannot", "change", "check", "come", "company",
    "could", "days", "does", "doing", "done", "down", "during", "each", "easy", "enough", "even",
    "ever", "every", "everyone", "everything", "family", "feel", "find", "first", "from", "free",
    "friend", "friends", "give", "going", "good", "great", "hand", "happy", "have", "having", "hear",
    "hello", "help", "here", "high", "home", "hope", "hours", "house", "however", "information",
    "into", "just", "keep", "kind", "know", "last", "later", "learn", "less", "life", "like",
    "little", "live", "long", "look", "looking", "love", "made", "make", "many", "market",
    "maybe", "message", "might", "mind", "minutes", "money", "month", "more", "most", "much",
    "must", "name", "need", "never", "news", "next", "nice", "night", "nothing", "number",
    "offer", "often", "once", "only", "open", "other", "over", "people", "person", "place",
    "please", "point", "really", "reply", "right", "same", "said", "second", "send", "should",
    "since", "small", "some", "someone", "something", "soon", "start", "still", "such", "sure",
    "take", "team", "tell", "than", "thank", "thanks", "that", "their", "them", "then", "there",
    "these", "they", "thing", "things", "think", "this", "those", "though", "through", "today",
    "together", "told", "took", "true", "trust", "under", "until", "very", "want", "wanted", "week",
    "well", "went", "were", "what", "when", "where", "which", "while", "will", "with", "within",
    "without", "wonder", "word", "words", "work", "working", "world", "would", "write", "year",
    "years", "your", "yours", "yourself",
];

/// Everyday Russian words of four or more letters, in the forms text uses most (lower case, with
/// `е` for `ё`: the fold reads both alike).
pub(crate) const RUSSIAN: &[&str] = &[
    "более", "больше", "будет", "будем", "будете", "будут", "было", "были", "быстро", "быть",
    "важно", "вами", "ваша", "вашего", "вашей", "ваши", "ваших", "вашу", "везде", "весь", "вместе",
    "внимание", "возможно", "возможность", "возможности", "вопрос", "вопросы", "вопросам", "время",
    "времени", "всегда", "всего", "всей", "всем", "всеми", "всех", "всему", "вообще", "говорить", "готов", "готова", "готовы", "дает", "давай", "давайте", "даже", "делать", "дело",
    "день", "деньги", "денег", "деньгами", "дней", "добрый", "доброе", "доброго", "должен",
    "должны", "друг", "друзья", "думаю", "если", "есть", "жизнь", "жизни", "знаю", "знать",
    "здесь", "здравствуйте", "иметь", "интересно", "интересует", "информацию", "информация",
    "информации", "каждый", "каждого", "каждому", "каждая", "какой", "какие", "каких", "когда",
    "конечно", "которая", "которое", "который", "которые", "которых", "которым", "легко", "лучше",
    "люди", "людей", "людям", "меня", "место", "места", "много", "могу", "может", "можете",
    "можно", "надо", "наша", "нашего", "нашей", "наши", "наших", "нашу", "начать", "никаких",
    "никто", "ничего", "новый", "новые", "новых", "нужен", "нужна", "нужно", "нужны", "очень",
    "первый", "первых", "первые", "писать", "пишите", "плохо", "подробнее", "подробности",
    "пожалуйста", "пока", "помочь", "помощь", "помогу", "после", "потом", "потому", "почему",
    "почти", "привет", "просто", "работа", "работать", "работы", "работу", "работе", "раньше",
    "свой", "своего", "своей", "свои", "своих", "свою", "сделать", "себе", "себя", "сегодня",
    "сейчас", "сказать", "сколько", "скоро", "слишком", "спасибо", "сразу", "среди", "стать",
    "такие", "также", "таких", "такой", "тебе", "тебя", "теперь", "только", "тоже", "тогда",
    "того", "тому", "рубль", "рубля", "рублей", "долларов", "доллар", "тысяч", "тысячи",
    "неделю", "недели", "месяц", "месяца", "часов", "часа", "минут", "хорошо", "хотите", "хочешь", "хочу", "часто", "человек", "человека",
    "через", "чтобы", "этого", "этой", "этом", "этому", "этот", "этих",
];

/// Everyday Vietnamese syllables of four or more letters, as the fold reads them (diacritics off:
/// "người" is "nguoi"). Vietnamese writes a space between syllables, so each is a word.
pub(crate) const VIETNAMESE: &[&str] = &[
    "anh", "bang", "biet", "chao", "chia", "chinh", "chon", "chung", "chuyen", "chuc", "cong",
    "cuoc", "dang", "dich", "dien", "dong", "duoc", "dung", "giay", "gian", "gioi", "giup", "hang",
    "hien", "hinh", "hoan", "hoang", "huong", "khach", "khao", "khat", "khoan", "khong", "kiem",
    "lien", "luong", "minh", "muon", "ngan", "ngay", "nghe", "nghiep", "nguoi", "nhan", "nhanh",
    "nhap", "nhat", "nhieu", "nhip", "nhung", "nhuan", "phai", "phan", "phap", "phong", "phut",
    "sang", "sinh", "thang", "thanh", "thao", "thap", "thoi", "thuc", "thuong", "tien", "tinh",
    "toan", "trang", "tren", "trieu", "trong", "truong", "tuoi", "tuong", "tuyen", "vien", "viec",
    "xuat", "yeu",
];
