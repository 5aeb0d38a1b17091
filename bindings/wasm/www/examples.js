// Built-in examples for the checker page. All names, handles, numbers and links are invented.
export const EXAMPLES = [
  {
    id: "lure",
    label: "Recruitment lure",
    text: `🔥 URGENT HIRING – Customer Service Staff (Thailand / Cambodia) 🔥
No experience needed! Basic English and typing only.
💰 Salary 35,000–50,000 THB per month + commission, paid on time.
✈️ Free air ticket, visa, food and accommodation provided by the company.
Age 18–35. Work from our office in Sihanoukville.
Interested? Contact our HR manager on Telegram: @hr_linda_88 or WhatsApp +855 12 345 678
Send a photo of your passport to reserve your seat. Only 5 slots left!`,
  },
  {
    id: "pig",
    label: "Pig-butchering chat",
    text: `[09:14] +44 7700 900123: Hi, is this David? Are we still meeting for golf on Saturday?
[09:20] Me: Sorry, I think you have the wrong number.
[09:21] +44 7700 900123: Oh, I'm so sorry to bother you 😊 Nice to meet you anyway! I'm Emma, I run a small fashion business in Singapore.
[Day 4] Emma: My uncle is a senior analyst. He taught me a strategy on a crypto trading platform, I made 30% profit this week 📈
[Day 4] Emma: You can start with a small amount, just 500 USDT, I will guide you step by step. Register here: https://bitx-prime-trade.example
[Day 11] Emma: Your account shows $18,400 now! To withdraw you must first pay the 20% tax, otherwise the funds will be frozen.`,
  },
  {
    id: "legit",
    label: "Legitimate job ad",
    text: `Northfield Public Library – Library Assistant (20 hours a week)
We are looking for a friendly library assistant to help visitors find books, run children's reading sessions and keep our collections in order.
Requirements: a secondary school diploma; experience of working with the public is an advantage.
Pay: $19.40 an hour, paid every two weeks, with paid holidays and on-the-job training.
How to apply: submit your CV and a short cover letter through the city's careers website by 15 March. Shortlisted candidates will be invited to an interview at the library.`,
  },
  {
    id: "police",
    label: "Police warning",
    text: `⚠️ POLICE ADVISORY: beware of fake job offers abroad.
Criminal groups advertise well-paid "customer service" and "typing" jobs in Cambodia, Myanmar and Laos on social media, promising free flights, visas and high salaries. Victims are taken to scam compounds, their passports are confiscated and they are forced to defraud others online.
If a recruiter only talks to you on Telegram or WhatsApp, asks you to travel on a tourist visa or asks you to pay a fee, do not go. Check the employer with the Ministry of Labour and report suspicious ads to the police.`,
  },
  {
    id: "zh",
    label: "中文：刷单兼职",
    text: `【高薪兼职】招聘网络点赞员，无需经验，在家用手机就能做！
每天只需1-2小时，日结工资300-800元💰，当天结算。
先充值做任务，完成后返还本金加佣金。
有意者请加微信 wx_job2024 或 Telegram @task_cn88 咨询。`,
  },
  {
    id: "th",
    label: "ไทย: งานต่างประเทศ",
    text: `📢 รับสมัครด่วน! งานแอดมินออนไลน์ ประเทศกัมพูชา
ไม่ต้องมีประสบการณ์ เงินเดือน 40,000 บาท ฟรีตั๋วเครื่องบิน ที่พัก อาหาร
ติดต่อทาง LINE: @job_th88 หรือ Telegram ส่งรูปพาสปอร์ตเพื่อจองที่นั่ง`,
  },
];
