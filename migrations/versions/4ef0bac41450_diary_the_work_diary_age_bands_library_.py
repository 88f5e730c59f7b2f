"""feat-diary: the work diary (a library's day: readers, visits, issues, answers; by age band,
fund section and language), the admins' age bands and the library fund by section

Revision ID: 4ef0bac41450
Revises: a04f71ca372e
Create Date: 2026-12-01 02:17:02.529731

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4ef0bac41450'
down_revision = 'a04f71ca372e'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('age_band',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name_kk', sa.String(length=60), nullable=False),
    sa.Column('name_ru', sa.String(length=60), nullable=False),
    sa.Column('name_en', sa.String(length=60), nullable=True),
    sa.Column('min_age', sa.Integer(), nullable=False),
    sa.Column('max_age', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint("name_kk <> '' AND name_ru <> ''", name=op.f('ck_age_band_names')),
    sa.CheckConstraint('max_age IS NULL OR max_age >= min_age', name=op.f('ck_age_band_max_age')),
    sa.CheckConstraint('min_age >= 0', name=op.f('ck_age_band_min_age')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_age_band')),
    sa.UniqueConstraint('code', name=op.f('uq_age_band_code'))
    )
    op.create_table('diary_day',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('library_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('readers_new', sa.Integer(), nullable=False),
    sa.Column('readers_re', sa.Integer(), nullable=False),
    sa.Column('visits', sa.Integer(), nullable=False),
    sa.Column('issues', sa.Integer(), nullable=False),
    sa.Column('answers', sa.Integer(), nullable=False),
    sa.Column('issues_kk', sa.Integer(), nullable=False),
    sa.Column('issues_ru', sa.Integer(), nullable=False),
    sa.Column('issues_other', sa.Integer(), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.CheckConstraint('issues_kk + issues_ru + issues_other = issues', name=op.f('ck_diary_day_languages_add_up')),
    sa.CheckConstraint('readers_new >= 0 AND readers_re >= 0 AND visits >= 0 AND issues >= 0 AND answers >= 0 AND issues_kk >= 0 AND issues_ru >= 0 AND issues_other >= 0', name=op.f('ck_diary_day_not_negative')),
    sa.ForeignKeyConstraint(['library_id'], ['library.id'], name=op.f('fk_diary_day_library_id_library'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_diary_day')),
    sa.UniqueConstraint('library_id', 'day', name='uq_diary_day_library_day')
    )
    op.create_table('library_fund',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('library_id', sa.Integer(), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('in_kazakh', sa.Integer(), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.CheckConstraint('in_kazakh <= total', name=op.f('ck_library_fund_kazakh_within_total')),
    sa.CheckConstraint('total >= 0 AND in_kazakh >= 0', name=op.f('ck_library_fund_not_negative')),
    sa.ForeignKeyConstraint(['library_id'], ['library.id'], name=op.f('fk_library_fund_library_id_library'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_library_fund')),
    sa.UniqueConstraint('library_id', 'as_of', name='uq_library_fund_library_as_of')
    )
    op.create_table('diary_band',
    sa.Column('day_id', sa.Integer(), nullable=False),
    sa.Column('band_id', sa.Integer(), nullable=False),
    sa.Column('readers', sa.Integer(), nullable=False),
    sa.Column('visits', sa.Integer(), nullable=False),
    sa.Column('issues', sa.Integer(), nullable=False),
    sa.CheckConstraint('readers >= 0 AND visits >= 0 AND issues >= 0', name=op.f('ck_diary_band_not_negative')),
    sa.ForeignKeyConstraint(['band_id'], ['age_band.id'], name=op.f('fk_diary_band_band_id_age_band'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['day_id'], ['diary_day.id'], name=op.f('fk_diary_band_day_id_diary_day'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('day_id', 'band_id', name=op.f('pk_diary_band'))
    )
    op.create_table('diary_section',
    sa.Column('day_id', sa.Integer(), nullable=False),
    sa.Column('section', sa.String(length=20), nullable=False),
    sa.Column('issues', sa.Integer(), nullable=False),
    sa.CheckConstraint("section IN ('social', 'science', 'technology', 'agriculture', 'arts', 'fiction', 'children', 'other')", name=op.f('ck_diary_section_section')),
    sa.CheckConstraint('issues >= 0', name=op.f('ck_diary_section_not_negative')),
    sa.ForeignKeyConstraint(['day_id'], ['diary_day.id'], name=op.f('fk_diary_section_day_id_diary_day'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('day_id', 'section', name=op.f('pk_diary_section'))
    )
    op.create_table('fund_section',
    sa.Column('fund_id', sa.Integer(), nullable=False),
    sa.Column('section', sa.String(length=20), nullable=False),
    sa.Column('copies', sa.Integer(), nullable=False),
    sa.CheckConstraint("section IN ('social', 'science', 'technology', 'agriculture', 'arts', 'fiction', 'children', 'other')", name=op.f('ck_fund_section_section')),
    sa.CheckConstraint('copies >= 0', name=op.f('ck_fund_section_not_negative')),
    sa.ForeignKeyConstraint(['fund_id'], ['library_fund.id'], name=op.f('fk_fund_section_fund_id_library_fund'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('fund_id', 'section', name=op.f('pk_fund_section'))
    )


def downgrade():
    op.drop_table('fund_section')
    op.drop_table('diary_section')
    op.drop_table('diary_band')
    op.drop_table('library_fund')
    op.drop_table('diary_day')
    op.drop_table('age_band')
