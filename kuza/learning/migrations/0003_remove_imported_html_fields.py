# The imported HTML is Markdown since 0002; separate so PostgreSQL alters the tables in a
# transaction of their own, after the rows were rewritten.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ('learning', '0002_imported_html_to_markdown'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='lesson',
            name='body_format',
        ),
        migrations.RemoveField(
            model_name='lesson',
            name='body_html',
        ),
        migrations.RemoveField(
            model_name='question',
            name='prompt_html',
        ),
        migrations.RemoveField(
            model_name='quiz',
            name='explanation_html',
        ),
        migrations.RemoveField(
            model_name='quiz',
            name='intro_html',
        ),
    ]
