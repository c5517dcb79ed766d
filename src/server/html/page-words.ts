import type { Catalog, CatalogOf } from '../../i18n/messages.en.js';

// The few words of the server's HTML that the widget has no use for (the thread page's link back, its error pages, a
// reply form's way out, the honeypot's label, the embedded thread's link to the form), in every language the widget
// speaks. Everything else the server writes comes from the widget's own catalogs (page-localizer.ts), so that both
// say the same thing in the same words. Each language keeps the tone of its widget catalog (src/i18n/messages.xx.ts).

/** The server's own words in English: the source, whose keys every other language has. */
export const pageWordsEn = {
  backToPage: 'Back to the page',
  writeComment: 'Write a comment',
  newCommentInstead: 'Post a new comment instead',
  honeypotLabel: 'Leave this field empty',
  notPostedTitle: 'Your comment was not posted',
  formKept: 'What you wrote is still in the form below.',
  badRequestTitle: 'This address cannot be shown',
} satisfies Catalog;

/** The server's own words in one language. */
export type PageWords = CatalogOf<typeof pageWordsEn>;

/** The server's own words in each language other than English, by catalog key (see `catalogKey`). */
export const pageWords: Record<string, PageWords> = {
  de: {
    backToPage: 'Zurück zur Seite',
    writeComment: 'Kommentar schreiben',
    newCommentInstead: 'Stattdessen einen neuen Kommentar schreiben',
    honeypotLabel: 'Dieses Feld leer lassen',
    notPostedTitle: 'Dein Kommentar wurde nicht gesendet',
    formKept: 'Was du geschrieben hast, steht noch im Formular unten.',
    badRequestTitle: 'Diese Adresse kann nicht angezeigt werden',
  },
  sv: {
    backToPage: 'Tillbaka till sidan',
    writeComment: 'Skriv en kommentar',
    newCommentInstead: 'Skriv en ny kommentar i stället',
    honeypotLabel: 'Lämna det här fältet tomt',
    notPostedTitle: 'Din kommentar skickades inte',
    formKept: 'Det du skrev finns kvar i formuläret nedan.',
    badRequestTitle: 'Den här adressen kan inte visas',
  },
  fr: {
    backToPage: 'Retour à la page',
    writeComment: 'Écrire un commentaire',
    newCommentInstead: 'Publier plutôt un nouveau commentaire',
    honeypotLabel: 'Laissez ce champ vide',
    notPostedTitle: 'Votre commentaire n’a pas été publié',
    formKept: 'Ce que vous avez écrit se trouve toujours dans le formulaire ci-dessous.',
    badRequestTitle: 'Cette adresse ne peut pas être affichée',
  },
  es: {
    backToPage: 'Volver a la página',
    writeComment: 'Escribe un comentario',
    newCommentInstead: 'Publica un comentario nuevo en lugar de responder',
    honeypotLabel: 'Deja este campo vacío',
    notPostedTitle: 'Tu comentario no se ha publicado',
    formKept: 'Lo que escribiste sigue en el formulario de abajo.',
    badRequestTitle: 'Esta dirección no se puede mostrar',
  },
  pt: {
    backToPage: 'Voltar à página',
    writeComment: 'Escreva um comentário',
    newCommentInstead: 'Publique um novo comentário em vez de responder',
    honeypotLabel: 'Deixe este campo vazio',
    notPostedTitle: 'Seu comentário não foi publicado',
    formKept: 'O que você escreveu continua no formulário abaixo.',
    badRequestTitle: 'Este endereço não pode ser exibido',
  },
  it: {
    backToPage: 'Torna alla pagina',
    writeComment: 'Scrivi un commento',
    newCommentInstead: 'Pubblica invece un nuovo commento',
    honeypotLabel: 'Lascia vuoto questo campo',
    notPostedTitle: 'Il tuo commento non è stato pubblicato',
    formKept: 'Quello che hai scritto è ancora nel modulo qui sotto.',
    badRequestTitle: 'Questo indirizzo non può essere mostrato',
  },
  nl: {
    backToPage: 'Terug naar de pagina',
    writeComment: 'Schrijf een reactie',
    newCommentInstead: 'Plaats in plaats daarvan een nieuwe reactie',
    honeypotLabel: 'Laat dit veld leeg',
    notPostedTitle: 'Je reactie is niet geplaatst',
    formKept: 'Wat je schreef staat nog in het formulier hieronder.',
    badRequestTitle: 'Dit adres kan niet worden getoond',
  },
  pl: {
    backToPage: 'Wróć do strony',
    writeComment: 'Napisz komentarz',
    newCommentInstead: 'Zamiast tego napisz nowy komentarz',
    honeypotLabel: 'Zostaw to pole puste',
    notPostedTitle: 'Twój komentarz nie został opublikowany',
    formKept: 'Twój tekst nadal jest w formularzu poniżej.',
    badRequestTitle: 'Nie można wyświetlić tego adresu',
  },
  ru: {
    backToPage: 'Вернуться на страницу',
    writeComment: 'Написать комментарий',
    newCommentInstead: 'Написать новый комментарий вместо ответа',
    honeypotLabel: 'Оставьте это поле пустым',
    notPostedTitle: 'Ваш комментарий не опубликован',
    formKept: 'Написанный вами текст остался в форме ниже.',
    badRequestTitle: 'Этот адрес нельзя показать',
  },
  ja: {
    backToPage: 'ページに戻る',
    writeComment: 'コメントを書く',
    newCommentInstead: '返信せずに新しいコメントを投稿する',
    honeypotLabel: 'この欄は空のままにしてください',
    notPostedTitle: 'コメントは投稿されませんでした',
    formKept: '書いた内容は下のフォームに残っています。',
    badRequestTitle: 'このアドレスは表示できません',
  },
  'zh-Hans': {
    backToPage: '返回页面',
    writeComment: '写评论',
    newCommentInstead: '改为发表新评论',
    honeypotLabel: '请将此栏留空',
    notPostedTitle: '你的评论未能发表',
    formKept: '你写的内容仍保留在下方的表单中。',
    badRequestTitle: '无法显示此地址',
  },
  ko: {
    backToPage: '페이지로 돌아가기',
    writeComment: '댓글 쓰기',
    newCommentInstead: '답글 대신 새 댓글 쓰기',
    honeypotLabel: '이 칸은 비워 두세요',
    notPostedTitle: '댓글이 등록되지 않았습니다',
    formKept: '작성한 내용은 아래 양식에 그대로 있습니다.',
    badRequestTitle: '이 주소는 표시할 수 없습니다',
  },
  ar: {
    backToPage: 'العودة إلى الصفحة',
    writeComment: 'اكتب تعليقًا',
    newCommentInstead: 'انشر تعليقًا جديدًا بدلًا من الرد',
    honeypotLabel: 'اترك هذا الحقل فارغًا',
    notPostedTitle: 'لم يُنشر تعليقك',
    formKept: 'ما كتبته لا يزال في النموذج أدناه.',
    badRequestTitle: 'لا يمكن عرض هذا العنوان',
  },
  he: {
    backToPage: 'חזרה לדף',
    writeComment: 'כתיבת תגובה',
    newCommentInstead: 'פרסום תגובה חדשה במקום תשובה',
    honeypotLabel: 'יש להשאיר שדה זה ריק',
    notPostedTitle: 'התגובה לא פורסמה',
    formKept: 'מה שנכתב עדיין נמצא בטופס שלמטה.',
    badRequestTitle: 'לא ניתן להציג את הכתובת הזו',
  },
};
