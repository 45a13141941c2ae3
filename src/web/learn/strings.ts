/**
 * The few interface strings the participant pages (learn.html) need besides the training strings:
 * the header, the loading and error lines, the short framework names. The same texts as in
 * ../locales/<lang>.ts (strings.test.ts checks it), kept here so the phone does not download the
 * whole interface in every language.
 */
export const en = {
  "app": {
    "name": "Nexus Toolkit"
  },
  "nav": {
    "skip": "Skip to content",
    "language": "Language"
  },
  "common": {
    "loading": "Loading…",
    "error": "Could not load this page: {{message}}",
    "loadFailedTitle": "This page could not be loaded",
    "loadFailed": "Check your connection and try again."
  },
  "framework": {
    "short": {
      "hague": "Hague GP",
      "addendum": "Addendum GP",
      "icct": "ICCT Rec."
    }
  },
  "offline": {
    "banner": "You are offline. You are reading the copy saved in this browser."
  },
  "notFound": {
    "title": "Page not found",
    "body": "There is no page at this address.",
    "home": "Go to the home page"
  }
};
export const fr = {
  "app": {
    "name": "Nexus Toolkit"
  },
  "nav": {
    "skip": "Aller au contenu",
    "language": "Langue"
  },
  "common": {
    "loading": "Chargement…",
    "error": "Impossible de charger cette page : {{message}}",
    "loadFailedTitle": "Impossible de charger cette page",
    "loadFailed": "Vérifiez votre connexion et réessayez."
  },
  "framework": {
    "short": {
      "hague": "BP La Haye",
      "addendum": "BP Addendum",
      "icct": "Rec. ICCT"
    }
  },
  "offline": {
    "banner": "Vous êtes hors ligne. Vous lisez la copie enregistrée dans ce navigateur."
  },
  "notFound": {
    "title": "Page introuvable",
    "body": "Il n'y a pas de page à cette adresse.",
    "home": "Retour à l'accueil"
  }
};
export const ar = {
  "app": {
    "name": "مجموعة أدوات الترابط"
  },
  "nav": {
    "skip": "انتقل إلى المحتوى",
    "language": "اللغة"
  },
  "common": {
    "loading": "جارٍ التحميل…",
    "error": "تعذّر تحميل هذه الصفحة: {{message}}",
    "loadFailedTitle": "تعذّر تحميل هذه الصفحة",
    "loadFailed": "تحقّق من اتصالك وحاول مجددًا."
  },
  "framework": {
    "short": {
      "hague": "ممارسة لاهاي",
      "addendum": "ممارسة الملحق",
      "icct": "توصية ICCT"
    }
  },
  "offline": {
    "banner": "أنت غير متصل. تقرأ النسخة المحفوظة في هذا المتصفح."
  },
  "notFound": {
    "title": "الصفحة غير موجودة",
    "body": "لا توجد صفحة بهذا العنوان.",
    "home": "العودة إلى الصفحة الرئيسية"
  }
};
export const es = {
  "app": {
    "name": "Nexus Toolkit"
  },
  "nav": {
    "skip": "Ir al contenido",
    "language": "Idioma"
  },
  "common": {
    "loading": "Cargando…",
    "error": "No se pudo cargar esta página: {{message}}",
    "loadFailedTitle": "No se pudo cargar esta página",
    "loadFailed": "Compruebe su conexión e inténtelo de nuevo."
  },
  "framework": {
    "short": {
      "hague": "BP de La Haya",
      "addendum": "BP del Addendum",
      "icct": "Rec. ICCT"
    }
  },
  "offline": {
    "banner": "Está sin conexión. Está leyendo la copia guardada en este navegador."
  },
  "notFound": {
    "title": "Página no encontrada",
    "body": "No hay ninguna página en esta dirección.",
    "home": "Ir a la página de inicio"
  }
};
export const ru = {
  "app": {
    "name": "Nexus Toolkit"
  },
  "nav": {
    "skip": "Перейти к содержанию",
    "language": "Язык"
  },
  "common": {
    "loading": "Загрузка…",
    "error": "Не удалось загрузить страницу: {{message}}",
    "loadFailedTitle": "Не удалось загрузить страницу",
    "loadFailed": "Проверьте подключение и повторите попытку."
  },
  "framework": {
    "short": {
      "hague": "Гаагская НП",
      "addendum": "НП Дополнения",
      "icct": "Рек. МЦКТ"
    }
  },
  "offline": {
    "banner": "Нет подключения. Вы читаете копию, сохранённую в этом браузере."
  },
  "notFound": {
    "title": "Страница не найдена",
    "body": "По этому адресу нет страницы.",
    "home": "На главную"
  }
};
export const zh = {
  "app": {
    "name": "Nexus 工具包"
  },
  "nav": {
    "skip": "跳至内容",
    "language": "语言"
  },
  "common": {
    "loading": "正在加载…",
    "error": "无法加载此页面：{{message}}",
    "loadFailedTitle": "无法加载此页面",
    "loadFailed": "请检查网络连接后重试。"
  },
  "framework": {
    "short": {
      "hague": "海牙良好做法",
      "addendum": "增编良好做法",
      "icct": "ICCT 建议"
    }
  },
  "offline": {
    "banner": "您处于离线状态，正在阅读本浏览器中保存的副本。"
  },
  "notFound": {
    "title": "未找到页面",
    "body": "此地址没有页面。",
    "home": "前往首页"
  }
};

export const leanStrings: Record<string, object> = { en, fr, ar, es, ru, zh };
