"""Writing systems the readers tell apart."""

# Letters of the scripts that write words without spaces between them: Japanese kana, Chinese
# (and Japanese) ideographs, Korean Hangul, compatibility ideographs. A character class's body.
UNSPACED_LETTERS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"

# Persian (and Arabic) letters: spaced words, but a plural or possessive suffix is joined to its word
# ("سلولهای" for "سلول های", the cells), so a vocabulary's names in them are matched inside words.
JOINED_SUFFIX_LETTERS = "\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff"
