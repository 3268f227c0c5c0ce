# The models were the core's (core 0003 made their tables); they move here with their
# tables and rows, so only Django's state changes. The content types turn over to this
# app, keeping their ids, so documents and audit entries keep pointing at them.

import django.db.models.deletion
import pzss.documents.models
from django.conf import settings
from django.db import migrations, models

from pzss.lib.migration_ops import turn_over_content_types


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('core', '0006_move_signup_and_documents'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Document',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(max_length=40, verbose_name='kind')),
                        ('object_id', models.PositiveBigIntegerField()),
                        ('language', models.CharField(default='sr', max_length=10, verbose_name='language')),
                        ('title', models.CharField(blank=True, max_length=300, verbose_name='title')),
                        ('status', models.CharField(choices=[('queued', 'Queued'), ('rendering', 'Rendering'), ('ready', 'Ready'), ('failed', 'Failed')], default='queued', max_length=16, verbose_name='status')),
                        ('checksum', models.CharField(max_length=64, verbose_name='input checksum')),
                        ('file', models.FileField(blank=True, upload_to=pzss.documents.models.document_path, verbose_name='file')),
                        ('pages', models.PositiveIntegerField(blank=True, null=True, verbose_name='pages')),
                        ('size', models.PositiveIntegerField(blank=True, null=True, verbose_name='size')),
                        ('error', models.TextField(blank=True, verbose_name='error')),
                        ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='attempts')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='queued at')),
                        ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='started at')),
                        ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished at')),
                        ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype')),
                        ('requested_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'document',
                        'verbose_name_plural': 'documents',
                        'db_table': 'core_document',
                        'ordering': ['-created_at'],
                        'indexes': [models.Index(fields=['content_type', 'object_id', 'kind'], name='core_docume_content_aba5b6_idx')],
                        'constraints': [models.UniqueConstraint(fields=('kind', 'content_type', 'object_id', 'language', 'checksum'), name='document_unique_input')],
                    },
                ),
            ],
            database_operations=[],
        ),
        turn_over_content_types(['document'], from_app="core", to_app="documents"),
    ]
