import { words, type NameList } from './types';

/** Turkish names with Turkish letters (ç ğ ı İ ö ş ü); surnames do not change with sex. */
export const TURKISH: NameList = {
  male: words(`
    Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim İsmail Osman Yusuf Murat Ömer Ramazan Halil
    Süleyman Abdullah Mahmut Recep Emre Burak Fatih Kemal Serkan Onur Cem Can Emin Barış Kadir
    Yasin Oğuz Tolga Uğur Gökhan Volkan Erkan Cengiz Şükrü
  `),
  female: words(`
    Fatma Ayşe Emine Hatice Zeynep Elif Meryem Şerife Zehra Sultan Hanife Merve Havva Zeliha
    Esra Fadime Özlem Hacer Melek Yasemin Büşra Gül Derya Sevgi Ebru Tuğba Seda Gamze Aslı
    Kübra Nur Şeyma Gülşen Dilek Çiğdem Aysel Songül Pınar
  `),
  surnames: words(`
    Yılmaz Kaya Demir Çelik Şahin Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç
    Aslan Çetin Kara Koç Kurt Özkan Şimşek Polat Özcan Korkmaz Çakır Erdoğan Yavuz Can Acar
    Şen Aktaş Güler Yalçın Güneş Bozkurt Bulut Keskin Ünal Turan Gül Özer Işık Kaplan Avcı
    Sarı Tekin Taş Köse Yüksel Ateş Aksoy
  `),
  places: [
    ['İstanbul', 'Istanbul'],
    ['Ankara'],
    ['İzmir', 'Izmir'],
    ['Bursa'],
    ['Antalya'],
    ['Konya'],
    ['Gaziantep'],
    ['Trabzon'],
    ['Kayseri'],
    ['Samsun'],
    ['Eskişehir', 'Eskisehir'],
  ],
};

/** Azerbaijani names in the Azerbaijani Latin alphabet (ə ğ ı ö ş ü ç x q). */
export const AZERBAIJANI: NameList = {
  male: words(`
    Elvin Elnur Rəşad Orxan Tural Kamran Elçin Anar Ramil Vüsal Fərid Murad Nicat Emil Ruslan
    Tamerlan Cavid Samir Rauf Əli Hüseyn Məhəmməd Elşən Zaur Vüqar İlqar Nurlan Rövşən Şahin
    Toğrul Ceyhun Fuad Həsən İlkin Kənan Pərviz
  `),
  female: words(`
    Aynur Günay Leyla Nərmin Aysel Könül Sevinc Gülnar Səbinə Nigar Lalə Aygün Fidan Nərgiz
    Ülviyyə Xədicə Zəhra Fatimə Səidə Şəbnəm Ayan Nuray Lamiyə Gülər Arzu Aytən Kamilə Mələk
    Elnarə Rəna Türkan Vüsalə Sevda Jalə
  `),
  surnames: words(`
    Məmmədov Əliyev Həsənov Hüseynov Quliyev İsmayılov Abbasov Babayev Rzayev Cəfərov Kərimov
    İbrahimov Süleymanov Orucov Mustafayev Əhmədov Nəsirov Vəliyev Həmidov Qasımov Salmanov
    Musayev Bağırov Sadıqov Rəhimov Nağıyev Zeynalov Hacıyev Novruzov Qurbanov Əsədov Mehdiyev
    Şükürov Allahverdiyev Tağıyev Xəlilov
  `),
  places: [
    ['Bakı', 'Baku', 'Баку'],
    ['Gəncə', 'Ganja', 'Гянджа'],
    ['Sumqayıt', 'Sumgait', 'Сумгаит'],
    ['Mingəçevir', 'Mingachevir'],
    ['Lənkəran', 'Lankaran'],
    ['Şəki', 'Shaki'],
    ['Naxçıvan', 'Nakhchivan'],
    ['Quba', 'Guba'],
  ],
};

/** Georgian names as Georgian passports romanise them (the national system of 2002). */
export const GEORGIAN: NameList = {
  male: words(`
    Giorgi Davit Nikoloz Levan Irakli Aleksandre Luka Zurab Giga Tornike Lasha Beka Mikheil
    Vakhtang Gocha Otar Tamaz Nodar Revaz Shota Sandro Data Gela Koba Mamuka Zviad Archil
    Temur Paata Vazha Dachi Saba
  `),
  female: words(`
    Nino Mariam Tamar Ana Ketevan Natia Salome Eka Nana Tea Maia Sopio Elene Khatia Lika Nato
    Tamta Manana Irina Marina Natela Lela Keti Mzia Nestan Tinatin Teona Ia Lali Rusudan
    Ekaterine Nanuka
  `),
  surnames: words(`
    Beridze Kapanadze Gelashvili Maisuradze Giorgadze Lomidze Tsiklauri Bolkvadze
    Kvaratskhelia Nozadze Abashidze Khutsishvili Tabatadze Mikeladze Shengelia Chikovani Jikia
    Gogoladze Kiknadze Gogiashvili Kharaishvili Japaridze Mchedlishvili Dolidze Meladze
    Natsvlishvili Tsereteli Kvirikashvili Janelidze Shonia Khachidze Bakradze Gvenetadze
    Kobakhidze Lortkipanidze Margvelashvili Chkheidze Jorbenadze
  `),
  places: [
    ['Tbilisi', 'Тбилиси'],
    ['Kutaisi', 'Кутаиси'],
    ['Batumi', 'Батуми'],
    ['Rustavi', 'Рустави'],
    ['Zugdidi', 'Зугдиди'],
    ['Gori', 'Гори'],
    ['Poti', 'Поти'],
    ['Telavi', 'Телави'],
  ],
};

/** Moldovan names in Romanian spelling (ă â î ș ț; older documents ş ţ or none). */
export const MOLDOVAN: NameList = {
  male: words(`
    Ion Vasile Gheorghe Nicolae Mihai Andrei Alexandru Sergiu Dumitru Victor Vladimir Valeriu
    Constantin Igor Dorin Vitalie Ruslan Denis Eugen Cristian Adrian Radu Petru Oleg Iurie
    Maxim Ștefan Ilie Anatolie Veaceslav Octavian Tudor Grigore Vadim
  `),
  female: words(`
    Maria Elena Ana Natalia Tatiana Olga Ecaterina Irina Svetlana Ludmila Galina Valentina
    Cristina Mariana Doina Angela Aurelia Victoria Diana Alina Nadejda Veronica Corina Lilia
    Daniela Silvia Liliana Rodica Tamara Inga Viorica Zinaida
  `),
  surnames: words(`
    Rusu Ceban Ciobanu Țurcan Cebotari Lungu Munteanu Rotari Sandu Popa Moraru Cojocaru Bivol
    Guțu Roșca Cazacu Plămădeală Ursu Mocanu Botnari Melnic Bodrug Balan Grosu Stratan Railean
    Crețu Popescu Cernei Țurcanu Guzun Lupu Caraman Donică Sîrbu Vrabie Onu Bejan
  `),
  places: [
    ['Chișinău', 'Chisinau', 'Kishinev', 'Кишинёв'],
    ['Bălți', 'Balti', 'Beltsy', 'Бельцы'],
    ['Cahul', 'Кагул'],
    ['Ungheni', 'Унгены'],
    ['Orhei', 'Orgeev', 'Оргеев'],
    ['Soroca', 'Soroki', 'Сороки'],
    ['Comrat', 'Komrat', 'Комрат'],
    ['Edineț', 'Edinet'],
    ['Tiraspol', 'Тирасполь'],
  ],
};

/** Indian names as Indian passports give them (Latin), common first; no patronymic. */
export const INDIAN: NameList = {
  male: words(`
    Rahul Amit Rajesh Suresh Vikram Arjun Sanjay Anil Sunil Ravi Deepak Manoj Vijay Ashok
    Rakesh Pradeep Arun Kiran Nikhil Rohit Abhishek Harpreet Gurpreet Mohammed Imran Karthik
    Venkatesh Srinivas Aditya Vivek Sandeep Ajay Anand Mahesh Naveen Prakash Ramesh Sachin
    Varun Yash Jaspreet Mohit
  `),
  female: words(`
    Priya Pooja Anjali Neha Sunita Kavita Anita Deepika Lakshmi Divya Swati Shreya Meena Rekha
    Sneha Aishwarya Nisha Jyoti Ritu Komal Simran Harleen Fatima Ayesha Kavya Sonia Geeta Usha
    Radha Shalini Manpreet Payal Preeti Ankita Bhavana Madhuri Nandini Tanvi
  `),
  surnames: words(`
    Kumar Singh Sharma Patel Gupta Reddy Shah Verma Yadav Das Nair Iyer Rao Mehta Joshi
    Chauhan Mishra Pandey Agarwal Jain Khan Banerjee Chatterjee Menon Pillai Malhotra Kapoor
    Bhatt Desai Naidu Gill Sandhu Dhillon Thakur Saxena Chaudhary Kulkarni Mukherjee
    Srivastava Tiwari Bose Ghosh Pathak Grewal
    Agrawal Ahuja Arora Bajaj Bansal Bhatia Chopra Dutta Dubey Goyal Hegde Jha Kohli Krishnan
    Luthra Mahajan Mathur Nagpal Narayan Oberoi Pandit Parikh Prasad Puri Raghavan Rajan
    Ranganathan Rathore Sethi Shetty Sinha Soni Subramanian Suri Talwar Tandon Trivedi Upadhyay
    Vaidya Venkataraman Walia Bhardwaj Chakraborty Dasgupta Ganguly Hussain Qureshi Siddiqui
    Ansari Sheikh Mirza Rizvi Fernandes D'Souza Pereira Gomes Thomas Varghese Kurian Mathew
    Joseph Ahluwalia Bedi Brar Sidhu Randhawa Bains Cheema Sekhon Virk
  `),
  places: [
    ['New Delhi', 'Delhi'],
    ['Mumbai', 'Bombay'],
    ['Bengaluru', 'Bangalore'],
    ['Chennai', 'Madras'],
    ['Hyderabad'],
    ['Kolkata', 'Calcutta'],
    ['Ahmedabad'],
    ['Pune', 'Poona'],
    ['Amritsar'],
    ['Ludhiana'],
    ['Jaipur'],
    ['Lucknow'],
    ['Kochi', 'Cochin'],
  ],
};
