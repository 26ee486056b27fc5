FORMAT = "irct"


def detect(text):
    return False


def parse(text):
    return []
