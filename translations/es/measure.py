"""Usage: .venv/bin/python /tmp/measure_es.py translations/es/page.md ...  (run from /work/main)"""
import sys
import textstat
from therapy_site import readability
textstat.set_lang("es")
for path in sys.argv[1:]:
    source = open(path, encoding="utf-8").read()
    blocks = readability.main_text_blocks(source)
    text = "\n\n".join(t for _, t in blocks)
    print(f"{path}: Fernandez-Huerta {textstat.fernandez_huerta(text):.1f} (need >= 70)")
    for line, t in blocks:
        if len(t.split()) >= 12:
            s = textstat.fernandez_huerta(t)
            if s < 50:
                print(f"  {path}:{line}: paragraph {s:.1f} (< 50): {t[:80]}")
    for s in readability.sentences(source):
        if s.words > 25:
            print(f"  {path}:{s.line}: sentence of {s.words} words: {s.text[:80]}")
