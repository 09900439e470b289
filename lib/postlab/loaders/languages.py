"""Exports downloaded with the interface in French, Spanish or German: their headers in English.

X, Meta and YouTube write an export's headers in the language of the
interface it was downloaded from; the layout, the order of the columns and
the values are the same. Each layout has, per language, a vocabulary from the
translated header (normalised as ``readers.normalise_names`` does: lower
case, single spaces) to the English one, and a file is found by layout: its
headers are translated with one layout's vocabulary at a time and must then
carry that layout's signature. A header a vocabulary lacks stays as it is,
so an optional column the vocabulary misses is only left out, never misread.

Where the headers come from (the public material stored for this project
holds few real foreign downloads, so most entries are the platforms'
interface wording and the lists are lenient, with variants):

- X tweet activity, French: ``Identifiant du Tweet``, ``Permalien du Tweet``,
  ``Texte du Tweet``, ``heure``, ``impressions``, ``engagements``,
  ``Retweets``, ``réponses``, ``J'aime`` are read by name in a public analysis
  script of French downloads (data-bzh, 2018). German: ``Impressionen``,
  ``Interaktionen``, ``Interaktionsrate`` are the column words of X's German
  help page on the tweet activity dashboard (g2.twimg.com/de/help,
  "Tweet-Aktivität-Dashboard") and German write-ups of the export
  (monitoringmatcher.de, 2014, also "Eindrücke"/"Beteiligungen" of the first
  German interface). Spanish and the remaining columns: interface wording.
- X account analytics, Meta Business Suite (Facebook and Instagram), legacy
  Facebook Insights and YouTube Studio: the interface's wording in each
  language (Meta's "Couverture"/"Alcance"/"Reichweite" for Reach, YouTube's
  "Durée de visionnage (heures)"/"Tiempo de visualización (horas)"/
  "Wiedergabezeit (Stunden)"), not checked against a real download. YouTube's
  German metric words ("Aufrufe", "Wiedergabezeit", "Abonnenten") are those of
  its German help page on YouTube Analytics (support.google.com/youtube/answer/
  9002587?hl=de) and "„Mag ich“-Bewertungen" of the German YouTube Analytics API
  reference (developers.google.com/youtube/analytics, hl=de); a search of the
  stored public code, pages and documentation (December 2026) found no header
  row of a French, Spanish or German Meta Business Suite, X account analytics
  or YouTube Studio download. Variants a blind test guessed (``Id. de la
  publicación``, ``Étiquettes personnalisées``, ``Konto-Benutzername``,
  ``Veröffentlichungszeitpunkt des Videos``, ...) are accepted too; a foreign
  file whose header a vocabulary lacks says so in the load report, naming the
  headers left out.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES = {"fr": "French", "es": "Spanish", "de": "German"}

_X_COMMON = {
    "fr": {
        "impressions": "impressions",
        "engagements": "engagements",
        "j'aime": "likes",
        "réponses": "replies",
        "clics sur l'url": "url clicks",
        "clics sur le lien": "url clicks",
    },
    "es": {
        "impresiones": "impressions",
        "interacciones": "engagements",
        "me gusta": "likes",
        "respuestas": "replies",
        "clics en url": "url clicks",
        "clics en la url": "url clicks",
        "clics en el enlace": "url clicks",
    },
    "de": {
        "impressionen": "impressions",
        "eindrücke": "impressions",
        "interaktionen": "engagements",
        "beteiligungen": "engagements",
        "gefällt mir": "likes",
        "„gefällt mir“-angaben": "likes",
        '"gefällt mir"-angaben': "likes",
        "antworten": "replies",
        "url-klicks": "url clicks",
        "klicks auf url": "url clicks",
    },
}

_TWEET_ACTIVITY = {
    "fr": {
        **_X_COMMON["fr"],
        "identifiant du tweet": "tweet id",
        "permalien du tweet": "tweet permalink",
        "texte du tweet": "tweet text",
        "heure": "time",
        "taux d'engagement": "engagement rate",
        "retweets": "retweets",
        "vues du média": "media views",
        "vues des médias": "media views",
    },
    "es": {
        **_X_COMMON["es"],
        "id del tweet": "tweet id",
        "identificador del tweet": "tweet id",
        "enlace permanente del tweet": "tweet permalink",
        "texto del tweet": "tweet text",
        "hora": "time",
        "tasa de interacción": "engagement rate",
        "retweets": "retweets",
        "visualizaciones de contenido multimedia": "media views",
        "reproducciones de contenido multimedia": "media views",
        "visualizaciones multimedia": "media views",
    },
    "de": {
        **_X_COMMON["de"],
        "tweet-id": "tweet id",
        "tweet-permalink": "tweet permalink",
        "tweet-text": "tweet text",
        "zeit": "time",
        "uhrzeit": "time",
        "interaktionsrate": "engagement rate",
        "retweets": "retweets",
        "medienaufrufe": "media views",
        "medien-aufrufe": "media views",
        "medienansichten": "media views",
    },
}

_ACCOUNT_CONTENT = {
    "fr": {
        **_X_COMMON["fr"],
        "identifiant du post": "post id",
        "id du post": "post id",
        "date": "date",
        "texte du post": "post text",
        "lien du post": "post link",
        "reposts": "reposts",
        "partages": "shares",
    },
    "es": {
        **_X_COMMON["es"],
        "id del post": "post id",
        "identificador del post": "post id",
        "id. de la publicación": "post id",
        "identificador de la publicación": "post id",
        "texto de la publicación": "post text",
        "enlace de la publicación": "post link",
        "fecha": "date",
        "texto del post": "post text",
        "enlace del post": "post link",
        "reposts": "reposts",
        "veces compartido": "shares",
        "compartidos": "shares",
    },
    "de": {
        **_X_COMMON["de"],
        "post-id": "post id",
        "datum": "date",
        "post-text": "post text",
        "post-link": "post link",
        "reposts": "reposts",
        "geteilt": "shares",
    },
}

_META_COMMON = {
    "fr": {
        "identifiant de la publication": "post id",
        "id de la publication": "post id",
        "description": "description",
        "titre": "title",
        "heure de publication": "publish time",
        "lien permanent": "permalink",
        "type de publication": "post type",
        "permalien": "permalink",
        "vues": "views",
        "impressions": "impressions",
        "couverture": "reach",
        "commentaires": "comments",
        "partages": "shares",
    },
    "es": {
        "identificador de la publicación": "post id",
        "id de la publicación": "post id",
        "descripción": "description",
        "título": "title",
        "hora de publicación": "publish time",
        "enlace permanente": "permalink",
        "tipo de publicación": "post type",
        "visualizaciones": "views",
        "impresiones": "impressions",
        "alcance": "reach",
        "comentarios": "comments",
        "veces que se compartió": "shares",
        "veces compartido": "shares",
    },
    "de": {
        "beitrags-id": "post id",
        "beitrags-id.": "post id",
        "beschreibung": "description",
        "titel": "title",
        "veröffentlichungszeitpunkt": "publish time",
        "veröffentlichungszeit": "publish time",
        "permalink": "permalink",
        "beitragstyp": "post type",
        "aufrufe": "views",
        "impressionen": "impressions",
        "reichweite": "reach",
        "kommentare": "comments",
        "geteilte inhalte": "shares",
        "mal geteilt": "shares",
    },
}

_FACEBOOK = {
    "fr": {
        **_META_COMMON["fr"],
        "identifiant de la page": "page id",
        "id de la page": "page id",
        "nom de la page": "page name",
        "libellés personnalisés": "custom labels",
        "étiquettes personnalisées": "custom labels",
        "réactions, commentaires et partages": "reactions, comments and shares",
        "réactions": "reactions",
        "total des clics": "total clicks",
        "secondes regardées": "seconds viewed",
    },
    "es": {
        **_META_COMMON["es"],
        "identificador de la página": "page id",
        "id de la página": "page id",
        "nombre de la página": "page name",
        "etiquetas personalizadas": "custom labels",
        "reacciones, comentarios y veces que se compartió": "reactions, comments and shares",
        "reacciones, comentarios y contenido compartido": "reactions, comments and shares",
        "reacciones": "reactions",
        "clics totales": "total clicks",
        "total de clics": "total clicks",
        "segundos reproducidos": "seconds viewed",
    },
    "de": {
        **_META_COMMON["de"],
        "seiten-id": "page id",
        "seitenname": "page name",
        "name der seite": "page name",
        "benutzerdefinierte labels": "custom labels",
        "reaktionen, kommentare und geteilte inhalte": "reactions, comments and shares",
        "reaktionen, kommentare und mal geteilt": "reactions, comments and shares",
        "reaktionen": "reactions",
        "klicks insgesamt": "total clicks",
        "angesehene sekunden": "seconds viewed",
    },
}

_INSTAGRAM = {
    "fr": {
        **_META_COMMON["fr"],
        "identifiant du compte": "account id",
        "id du compte": "account id",
        "nom d'utilisateur du compte": "account username",
        "nom du compte": "account name",
        "j'aime": "likes",
        "abonnements": "follows",
        "enregistrements": "saves",
    },
    "es": {
        **_META_COMMON["es"],
        "identificador de la cuenta": "account id",
        "id de la cuenta": "account id",
        "nombre de usuario de la cuenta": "account username",
        "nombre de la cuenta": "account name",
        "me gusta": "likes",
        "seguimientos": "follows",
        "veces que se guardó": "saves",
        "guardados": "saves",
    },
    "de": {
        **_META_COMMON["de"],
        "konto-id": "account id",
        "kontobenutzername": "account username",
        "konto-benutzername": "account username",
        "benutzername des kontos": "account username",
        "kontoname": "account name",
        "„gefällt mir“-angaben": "likes",
        '"gefällt mir"-angaben': "likes",
        "gefällt mir": "likes",
        "follows": "follows",
        "gespeichert": "saves",
        "gespeicherte inhalte": "saves",
        "speicherungen": "saves",
    },
}

_LEGACY = {
    "fr": {
        "identifiant de la publication": "post id",
        "id de la publication": "post id",
        "lien permanent": "permalink",
        "message de la publication": "post message",
        "type": "type",
        "publié": "posted",
        "couverture totale de la publication à vie": "lifetime post total reach",
        "impressions totales de la publication à vie": "lifetime post total impressions",
        "utilisateurs engagés à vie": "lifetime engaged users",
        "consommations de la publication à vie": "lifetime post consumptions",
    },
    "es": {
        "identificador de la publicación": "post id",
        "id de la publicación": "post id",
        "enlace permanente": "permalink",
        "mensaje de la publicación": "post message",
        "tipo": "type",
        "publicado": "posted",
        "alcance total de la publicación de por vida": "lifetime post total reach",
        "impresiones totales de la publicación de por vida": "lifetime post total impressions",
        "usuarios que interactuaron de por vida": "lifetime engaged users",
        "consumos de la publicación de por vida": "lifetime post consumptions",
    },
    "de": {
        "beitrags-id": "post id",
        "permalink": "permalink",
        "beitragsnachricht": "post message",
        "nachricht des beitrags": "post message",
        "typ": "type",
        "veröffentlicht": "posted",
        "gesamtreichweite des beitrags (lebensdauer)": "lifetime post total reach",
        "gesamtimpressionen des beitrags (lebensdauer)": "lifetime post total impressions",
        "interagierende nutzer (lebensdauer)": "lifetime engaged users",
        "beitragsnutzungen (lebensdauer)": "lifetime post consumptions",
    },
}

_YOUTUBE = {
    "fr": {
        "contenu": "content",
        "titre de la vidéo": "video title",
        "heure de publication de la vidéo": "video publish time",
        "date de publication de la vidéo": "video publish time",
        "durée": "duration",
        "vues": "views",
        "durée de visionnage (heures)": "watch time (hours)",
        "abonnés": "subscribers",
        "impressions": "impressions",
        "taux de clics de l'impression (%)": "impressions click-through rate (%)",
        "taux de clics des impressions (%)": "impressions click-through rate (%)",
        "j'aime": "likes",
        "commentaires ajoutés": "comments added",
        "partages": "shares",
        "date": "date",
    },
    "es": {
        "contenido": "content",
        "título del vídeo": "video title",
        "título del video": "video title",
        "hora de publicación del vídeo": "video publish time",
        "hora de publicación del video": "video publish time",
        "fecha de publicación del vídeo": "video publish time",
        "duración": "duration",
        "visualizaciones": "views",
        "tiempo de visualización (horas)": "watch time (hours)",
        "suscriptores": "subscribers",
        "impresiones": "impressions",
        "porcentaje de clics de las impresiones (%)": "impressions click-through rate (%)",
        "me gusta": "likes",
        "comentarios añadidos": "comments added",
        "comentarios agregados": "comments added",
        "veces compartido": "shares",
        "contenido compartido": "shares",
        "fecha": "date",
    },
    "de": {
        "inhalt": "content",
        "videotitel": "video title",
        "veröffentlichungszeit des videos": "video publish time",
        "veröffentlichungszeitpunkt des videos": "video publish time",
        "veröffentlichungsdatum des videos": "video publish time",
        "dauer": "duration",
        "aufrufe": "views",
        "wiedergabezeit (stunden)": "watch time (hours)",
        "abonnenten": "subscribers",
        "impressionen": "impressions",
        "klickrate der impressionen (%)": "impressions click-through rate (%)",
        "mag ich": "likes",
        "„mag ich“-bewertungen": "likes",
        '"mag ich"-bewertungen': "likes",
        "hinzugefügte kommentare": "comments added",
        "geteilte inhalte": "shares",
        "mal geteilt": "shares",
        "datum": "date",
    },
}

VOCABULARIES: dict[str, dict[str, Mapping[str, str]]] = {
    "x-tweet-activity": _TWEET_ACTIVITY,
    "x-account-content": _ACCOUNT_CONTENT,
    "meta-facebook": _FACEBOOK,
    "meta-instagram": _INSTAGRAM,
    "facebook-insights-legacy": _LEGACY,
    "youtube-table-data": _YOUTUBE,
}

# Rows that sum the others, as the interfaces label them (YouTube's "Total" row).
TOTAL_LABELS = ("total", "totals", "grand total", "sum", "totale", "gesamt", "summe", "insgesamt")


def vocabularies(layout: str) -> dict[str, Mapping[str, str]]:
    """The layout's vocabularies by language code (empty for a generic mapping)."""
    return VOCABULARIES.get(layout, {})
