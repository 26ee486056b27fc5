"""Writing systems the readers tell apart."""

# Letters of the scripts that write words without spaces between them: Japanese kana, Chinese
# (and Japanese) ideographs, Korean Hangul, compatibility ideographs. A character class's body.
UNSPACED_LETTERS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
