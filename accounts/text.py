"""Text as people type it: the key that finds and sorts names whatever the accents, case,
apostrophes or hyphens ("Lea" finds "Léa", "O'Brien" finds "O’Brien", "Élodie" sorts with
"Emma", not after "Zoé")."""

import unicodedata

_SAME = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "`": "'",
        "´": "'",
        "-": " ",
        "‐": " ",
        "‑": " ",
        "œ": "oe",
        "æ": "ae",
        **dict.fromkeys(
            map(chr, (0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))), ""
        ),
    }
)


def search_key(text: str) -> str:
    """Lower case, without accents, one kind of apostrophe, hyphens as spaces, single spaces."""
    text = unicodedata.normalize("NFKD", (text or "").casefold()).translate(_SAME)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.split())
