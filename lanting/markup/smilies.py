"""Discuz!'s default smilies as Unicode emoji."""

# Discuz!'s default smiley pack (pre_common_smiley, typeid 1, static/image/smiley/default/),
# by code, as Unicode emoji. The other stock packs, 酷猴 ({:2_25:}-{:2_40:}) and 呆呆男
# ({:3_41:}-{:3_64:}), are pictures of characters without a named mood, so they have no entry.
DEFAULT_SMILIES: dict[str, str] = {
    ":)": "🙂",  # smile.gif
    ":(": "🙁",  # sad.gif
    ":D": "😁",  # biggrin.gif
    ":'(": "😢",  # cry.gif
    ":@": "😠",  # huffy.gif
    ":o": "😲",  # shocked.gif
    ":P": "😛",  # tongue.gif
    ":$": "😊",  # shy.gif
    ";P": "😜",  # titter.gif
    ":L": "😓",  # sweat.gif
    ":Q": "😡",  # mad.gif
    ":lol": "😆",  # lol.gif
    ":loveliness:": "🥰",  # loveliness.gif
    ":funk:": "😱",  # funk.gif
    ":curse:": "🤬",  # curse.gif
    ":dizzy:": "😵",  # dizzy.gif
    ":shutup:": "🤐",  # shutup.gif
    ":sleepy:": "😪",  # sleepy.gif
    ":hug:": "🤗",  # hug.gif
    ":victory:": "✌️",  # victory.gif
    ":time:": "⏰",  # time.gif
    ":kiss:": "😘",  # kiss.gif
    ":handshake": "🤝",  # handshake.gif
    ":call:": "📞",  # call.gif
}
