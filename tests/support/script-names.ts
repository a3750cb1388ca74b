/** A person's name in each script the PDFs must print. */
export const NAMES = {
  Latin: 'Zoë O’Brien-Ngata',
  Greek: 'Αλέξανδρος Παπαδόπουλος',
  Cyrillic: 'Анна Петровна Иванова',
  'Chinese (simplified)': '李小龙',
  'Chinese (traditional)': '張國榮',
  Japanese: '山田 花子 (やまだ ハナコ)',
  Korean: '김민준',
  Arabic: 'محمد عبد الله',
  Persian: 'گلی پژواک',
  Hebrew: 'דוד כהן',
}
