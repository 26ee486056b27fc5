from django.db import migrations


def seed(apps, schema_editor):
    from catalog.vocabulary_seed import seed_vocabulary

    seed_vocabulary(
        apps.get_model("catalog", "Condition"),
        apps.get_model("catalog", "CellSource"),
        apps.get_model("catalog", "ProductType"),
        apps.get_model("catalog", "TagTerm"),
    )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0004_vocabulary_in_database")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
