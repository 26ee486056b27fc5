"""Mirror sites have no reader of their own: documents stored as 'medpath-page' are read again by
the general page reader ('generic-page') on their next rebuild."""

from django.db import migrations


def forwards(apps, schema_editor):
    SourceDocument = apps.get_model("catalog", "SourceDocument")
    SourceDocument.objects.filter(detected_format="medpath-page").update(detected_format="generic-page")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0014_draft_trials_and_source_address")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
