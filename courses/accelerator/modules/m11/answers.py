"""Right and wrong answers to m11's questions, which `academy validate` judges (right ones read dates, write rules,
pick columns and compare lists other ways; wrong ones guess date formats, flag the first of a repeat, skip the
minimisation, trust any revoked row, or apply the opt-out where it does not belong)."""

_ICB_CARE = ("(pds_grants['organisation'] == 'Northshire Integrated Care Board') "
             "& (pds_grants['purpose'] == 'Individual care')")
_ICB_PLAN = ("(pds_grants['organisation'] == 'Northshire Integrated Care Board') "
             "& (pds_grants['purpose'] == 'Population health planning')")

RIGHT = {
    "q1": [
        # one format at a time, with combine_first
        "typed = repair_forms['date_of_birth']\n"
        "uk = pd.to_datetime(typed, format='%d/%m/%Y', errors='coerce')\n"
        "iso = pd.to_datetime(typed, format='%Y-%m-%d', errors='coerce')\n"
        "words = pd.to_datetime(typed, format='%d %B %Y', errors='coerce')\n"
        "answer_q1 = uk.combine_first(iso).combine_first(words)",
        # a loop over the formats, the other order
        "answer_q1 = pd.Series(pd.NaT, index=repair_forms.index, dtype='datetime64[ns]')\n"
        "for fmt in ['%d %B %Y', '%Y-%m-%d', '%d/%m/%Y']:\n"
        "    answer_q1 = answer_q1.fillna(pd.to_datetime(repair_forms['date_of_birth'], format=fmt, errors='coerce'))",
        # ISO read with format='ISO8601', the rest by their own patterns
        "typed = repair_forms['date_of_birth']\n"
        "iso = pd.to_datetime(typed.where(typed.str.match(r'^\\d{4}-', na=False)), format='ISO8601', errors='coerce')\n"
        "answer_q1 = iso.fillna(pd.to_datetime(typed, format='%d/%m/%Y', errors='coerce'))"
        ".fillna(pd.to_datetime(typed, format='%d %B %Y', errors='coerce'))",
    ],
    "q2": [
        # the rules one by one, the date read with combine_first; the columns in another order
        "def check_form(forms):\n"
        "    typed = forms['date_of_birth']\n"
        "    dob = pd.to_datetime(typed, format='%d/%m/%Y', errors='coerce')\n"
        "    dob = dob.combine_first(pd.to_datetime(typed, format='%Y-%m-%d', errors='coerce'))\n"
        "    dob = dob.combine_first(pd.to_datetime(typed, format='%d %B %Y', errors='coerce'))\n"
        "    out = pd.DataFrame(index=forms.index)\n"
        "    out['resubmitted'] = pd.DataFrame({'t': forms['tenant_ref'], 'r': forms['repair_type'],\n"
        "                                       'd': forms['submitted_at'].dt.date}).duplicated()\n"
        "    out['bedrooms_impossible'] = (forms['bedrooms'] < 0) | (forms['bedrooms'] > 6)\n"
        "    out['age_impossible'] = (forms['age'] < 16) | (forms['age'] > 110)\n"
        "    out['dob_in_future'] = (dob - forms['submitted_at'].dt.normalize()).dt.days > 0\n"
        "    out['dob_unreadable'] = dob.isna()\n"
        "    return out",
        # sorted by time first, so 'earlier' holds whatever order the table comes in
        "def check_form(forms):\n"
        "    t = forms['date_of_birth']\n"
        "    dob = pd.to_datetime(t, format='%d/%m/%Y', errors='coerce')\n"
        "    for f in ('%Y-%m-%d', '%d %B %Y'):\n"
        "        dob = dob.fillna(pd.to_datetime(t, format=f, errors='coerce'))\n"
        "    day = forms['submitted_at'].dt.floor('D')\n"
        "    ordered = forms.assign(day=day).sort_values('submitted_at')\n"
        "    again = ordered.duplicated(['tenant_ref', 'repair_type', 'day']).reindex(forms.index)\n"
        "    return pd.DataFrame({'dob_unreadable': dob.isna(), 'dob_in_future': dob > day,\n"
        "                         'age_impossible': ~forms['age'].between(16, 110, inclusive='both'),\n"
        "                         'bedrooms_impossible': ~forms['bedrooms'].isin(range(0, 7)),\n"
        "                         'resubmitted': again})",
    ],
    "q3": [
        "flags = check_form(repair_forms)\n"
        "answer_q3 = pd.Series({rule: int(flags[rule].sum()) for rule in flags.columns})",
        # a dictionary, the rules in another order
        "flags = check_form(repair_forms)\n"
        "answer_q3 = {c: flags[c].sum() for c in reversed(list(flags.columns))}",
        "answer_q3 = check_form(repair_forms).apply(lambda col: col.value_counts().get(True, 0))",
    ],
    "q4": [
        # the column list by hand from the schedule's grid, the columns in another order
        "grid = sharing_schedule.pivot(index='field', columns='partner', values='shared')\n"
        "cols = sorted(grid.index[grid['Oakfield Housing Association']])\n"
        "answer_q4 = cases[cases['landlord'] == 'Oakfield Housing Association'][cols].reset_index(drop=True)",
        # query for the rows, then filter on the columns
        "mine = sharing_schedule.query(\"partner == 'Oakfield Housing Association' and shared\")['field']\n"
        "answer_q4 = cases.query(\"landlord == 'Oakfield Housing Association'\").filter(items=mine.tolist())",
        # the columns dropped rather than kept
        "keep = set(sharing_schedule.loc[(sharing_schedule['partner'] == 'Oakfield Housing Association')\n"
        "                                & sharing_schedule['shared'], 'field'])\n"
        "rows = cases[cases['landlord'].str.startswith('Oakfield')]\n"
        "answer_q4 = rows.drop(columns=[c for c in cases.columns if c not in keep])",
    ],
    "q5": [
        "answer_q5 = dict(public_task_can_be_the_article_6_basis_for_sharing_with_the_icb=True,\n"
        "                 health_condition_needs_an_article_9_condition_as_well=True,\n"
        "                 the_agreement_is_itself_a_lawful_basis=False,\n"
        "                 the_housing_association_may_have_every_column_in_case_it_helps=False,\n"
        "                 data_shared_for_housing_support_may_be_reused_to_chase_rent_arrears=False,\n"
        "                 the_agreement_says_how_long_each_partner_keeps_the_data=True,\n"
        "                 the_national_data_opt_out_applies_to_sharing_for_individual_care=False,\n"
        "                 revoking_a_grant_stops_future_shares_but_does_not_make_earlier_ones_unlawful=True)",
        # numpy True/False, in another order
        "import numpy as np\n"
        "answer_q5 = {'revoking_a_grant_stops_future_shares_but_does_not_make_earlier_ones_unlawful': np.True_,\n"
        "             'the_national_data_opt_out_applies_to_sharing_for_individual_care': np.False_,\n"
        "             'the_agreement_says_how_long_each_partner_keeps_the_data': np.True_,\n"
        "             'data_shared_for_housing_support_may_be_reused_to_chase_rent_arrears': np.False_,\n"
        "             'the_housing_association_may_have_every_column_in_case_it_helps': np.False_,\n"
        "             'the_agreement_is_itself_a_lawful_basis': np.False_,\n"
        "             'health_condition_needs_an_article_9_condition_as_well': np.True_,\n"
        "             'public_task_can_be_the_article_6_basis_for_sharing_with_the_icb': np.True_}",
    ],
    "q6": [
        # isna() | later, and a set turned into a sorted list
        f"mine = pds_grants[{_ICB_CARE}]\n"
        "ok = (mine['granted_on'] <= today) & (mine['revoked_on'].isna() | (mine['revoked_on'] > today))\n"
        "answer_q6 = sorted(set(mine.loc[ok, 'resident_id']))",
        # query and drop_duplicates, kept as a table with resident_id
        "live = pds_grants.query(\"organisation == 'Northshire Integrated Care Board' and purpose == 'Individual care'"
        " and granted_on <= @today and not (revoked_on <= @today)\")\n"
        "answer_q6 = live[['resident_id']].drop_duplicates()",
    ],
    "q7": [
        f"mine = pds_grants[{_ICB_CARE}]\n"
        "then = mine[(mine['granted_on'] <= last_share) & ~(mine['revoked_on'] <= last_share)]['resident_id']\n"
        "answer_q7 = then[~then.isin(answer_q6)].drop_duplicates()",
        # both lists worked out again from the grants
        "def shared_on(day):\n"
        f"    g = pds_grants[{_ICB_CARE}]\n"
        "    return set(g.loc[(g['granted_on'] <= day) & (g['revoked_on'].isna() | (g['revoked_on'] > day)),\n"
        "                     'resident_id'])\n"
        "answer_q7 = list(shared_on(last_share) - shared_on(today))",
    ],
    "q8": [
        f"mine = pds_grants[{_ICB_PLAN}]\n"
        "ok = (mine['granted_on'] <= today) & (mine['revoked_on'].isna() | (mine['revoked_on'] > today))\n"
        "opted = set(data_opt_outs.loc[data_opt_outs['opted_out_on'] <= today, 'resident_id'])\n"
        "answer_q8 = sorted(set(mine.loc[ok, 'resident_id']) - opted)",
        # a merge with the opt-outs, keeping those without one by today
        f"live = pds_grants[{_ICB_PLAN} & (pds_grants['granted_on'] <= today) & ~(pds_grants['revoked_on'] <= today)]\n"
        "outs = data_opt_outs[data_opt_outs['opted_out_on'] < today + pd.Timedelta(days=1)]\n"
        "outs = outs.drop_duplicates('resident_id')\n"
        "both = live.merge(outs, on='resident_id', how='left')\n"
        "answer_q8 = list(both.loc[both['opted_out_on'].isna(), 'resident_id'].unique())",
    ],
}

WRONG = {
    "q1": [
        # pandas left to guess, day first: ISO dates with a day up to 12 come out with day and month swapped
        "answer_q1 = pd.to_datetime(repair_forms['date_of_birth'], format='mixed', dayfirst=True, errors='coerce')",
        # one format only
        "answer_q1 = pd.to_datetime(repair_forms['date_of_birth'], format='%d/%m/%Y', errors='coerce')",
        # guessed without dayfirst: 05/03/1958 read as 3 May
        "answer_q1 = pd.to_datetime(repair_forms['date_of_birth'], format='mixed', errors='coerce')",
        # the unreadable ones dropped
        "typed = repair_forms['date_of_birth']\n"
        "d = (pd.to_datetime(typed, format='%d/%m/%Y', errors='coerce')\n"
        "     .fillna(pd.to_datetime(typed, format='%Y-%m-%d', errors='coerce'))\n"
        "     .fillna(pd.to_datetime(typed, format='%d %B %Y', errors='coerce')))\n"
        "answer_q1 = d.dropna()",
    ],
    "q2": [
        # duplicates of every column: most resubmissions are typed a little differently
        "def check_form(forms):\n"
        "    t = forms['date_of_birth']\n"
        "    dob = pd.to_datetime(t, format='%d/%m/%Y', errors='coerce')\n"
        "    for f in ('%Y-%m-%d', '%d %B %Y'):\n"
        "        dob = dob.fillna(pd.to_datetime(t, format=f, errors='coerce'))\n"
        "    day = forms['submitted_at'].dt.normalize()\n"
        "    return pd.DataFrame({'dob_unreadable': dob.isna(), 'dob_in_future': dob > day,\n"
        "                         'age_impossible': ~forms['age'].between(16, 110),\n"
        "                         'bedrooms_impossible': ~forms['bedrooms'].between(0, 6),\n"
        "                         'resubmitted': forms.drop(columns=['submission_id', 'submitted_at']).duplicated()})",
        # the day left out: a repeat of the same repair weeks later counted as a resubmission
        "def check_form(forms):\n"
        "    t = forms['date_of_birth']\n"
        "    dob = pd.to_datetime(t, format='%d/%m/%Y', errors='coerce')\n"
        "    for f in ('%Y-%m-%d', '%d %B %Y'):\n"
        "        dob = dob.fillna(pd.to_datetime(t, format=f, errors='coerce'))\n"
        "    day = forms['submitted_at'].dt.normalize()\n"
        "    return pd.DataFrame({'dob_unreadable': dob.isna(), 'dob_in_future': dob > day,\n"
        "                         'age_impossible': ~forms['age'].between(16, 110),\n"
        "                         'bedrooms_impossible': ~forms['bedrooms'].between(0, 6),\n"
        "                         'resubmitted': forms.duplicated(['tenant_ref', 'repair_type'])})",
        # a studio flat (0 bedrooms) flagged, and the first of each repeat flagged too
        "def check_form(forms):\n"
        "    t = forms['date_of_birth']\n"
        "    dob = pd.to_datetime(t, format='%d/%m/%Y', errors='coerce')\n"
        "    for f in ('%Y-%m-%d', '%d %B %Y'):\n"
        "        dob = dob.fillna(pd.to_datetime(t, format=f, errors='coerce'))\n"
        "    day = forms['submitted_at'].dt.normalize()\n"
        "    return pd.DataFrame({'dob_unreadable': dob.isna(), 'dob_in_future': dob > day,\n"
        "                         'age_impossible': ~forms['age'].between(16, 110),\n"
        "                         'bedrooms_impossible': ~forms['bedrooms'].between(1, 6),\n"
        "                         'resubmitted': forms.assign(day=day).duplicated(\n"
        "                             ['tenant_ref', 'repair_type', 'day'], keep=False)})",
        # the notebook's own table used inside the function
        "def check_form(forms):\n"
        "    t = repair_forms['date_of_birth']\n"
        "    dob = pd.to_datetime(t, format='%d/%m/%Y', errors='coerce')\n"
        "    for f in ('%Y-%m-%d', '%d %B %Y'):\n"
        "        dob = dob.fillna(pd.to_datetime(t, format=f, errors='coerce'))\n"
        "    day = repair_forms['submitted_at'].dt.normalize()\n"
        "    return pd.DataFrame({'dob_unreadable': dob.isna(), 'dob_in_future': dob > day,\n"
        "                         'age_impossible': ~repair_forms['age'].between(16, 110),\n"
        "                         'bedrooms_impossible': ~repair_forms['bedrooms'].between(0, 6),\n"
        "                         'resubmitted': repair_forms.assign(day=day).duplicated(\n"
        "                             ['tenant_ref', 'repair_type', 'day'])})",
    ],
    "q3": [
        # the passes, not the failures
        "answer_q3 = (~check_form(repair_forms)).sum()",
        # shares, not counts
        "answer_q3 = check_form(repair_forms).mean()",
        # one number per submission
        "answer_q3 = check_form(repair_forms).sum(axis=1)",
    ],
    "q4": [
        # every column: no minimisation
        "answer_q4 = cases[cases['landlord'] == 'Oakfield Housing Association']",
        # the right columns for every case
        "fields = sharing_schedule.loc[(sharing_schedule['partner'] == 'Oakfield Housing Association')\n"
        "                              & sharing_schedule['shared'], 'field']\n"
        "answer_q4 = cases[list(fields)]",
        # every field the schedule names for Oakfield, shared or not
        "fields = sharing_schedule.loc[sharing_schedule['partner'] == 'Oakfield Housing Association', 'field']\n"
        "answer_q4 = cases.loc[cases['landlord'] == 'Oakfield Housing Association', list(fields)]",
        # the Integrated Care Board's columns
        "fields = sharing_schedule.loc[(sharing_schedule['partner'] == 'Northshire Integrated Care Board')\n"
        "                              & sharing_schedule['shared'], 'field']\n"
        "answer_q4 = cases.loc[cases['landlord'] == 'Oakfield Housing Association', list(fields)]",
    ],
    "q5": [
        # the agreement mistaken for a lawful basis, and the opt-out applied to care
        "answer_q5 = dict(public_task_can_be_the_article_6_basis_for_sharing_with_the_icb=True,\n"
        "                 health_condition_needs_an_article_9_condition_as_well=True,\n"
        "                 the_agreement_is_itself_a_lawful_basis=True,\n"
        "                 the_housing_association_may_have_every_column_in_case_it_helps=False,\n"
        "                 data_shared_for_housing_support_may_be_reused_to_chase_rent_arrears=False,\n"
        "                 the_agreement_says_how_long_each_partner_keeps_the_data=True,\n"
        "                 the_national_data_opt_out_applies_to_sharing_for_individual_care=True,\n"
        "                 revoking_a_grant_stops_future_shares_but_does_not_make_earlier_ones_unlawful=True)",
        # a revocation read as undoing every earlier share
        "answer_q5 = dict(public_task_can_be_the_article_6_basis_for_sharing_with_the_icb=True,\n"
        "                 health_condition_needs_an_article_9_condition_as_well=True,\n"
        "                 the_agreement_is_itself_a_lawful_basis=False,\n"
        "                 the_housing_association_may_have_every_column_in_case_it_helps=False,\n"
        "                 data_shared_for_housing_support_may_be_reused_to_chase_rent_arrears=False,\n"
        "                 the_agreement_says_how_long_each_partner_keeps_the_data=True,\n"
        "                 the_national_data_opt_out_applies_to_sharing_for_individual_care=False,\n"
        "                 revoking_a_grant_stops_future_shares_but_does_not_make_earlier_ones_unlawful=False)",
        # text, not True/False
        "answer_q5 = dict(public_task_can_be_the_article_6_basis_for_sharing_with_the_icb='yes',\n"
        "                 health_condition_needs_an_article_9_condition_as_well='yes',\n"
        "                 the_agreement_is_itself_a_lawful_basis='no',\n"
        "                 the_housing_association_may_have_every_column_in_case_it_helps='no',\n"
        "                 data_shared_for_housing_support_may_be_reused_to_chase_rent_arrears='no',\n"
        "                 the_agreement_says_how_long_each_partner_keeps_the_data='yes',\n"
        "                 the_national_data_opt_out_applies_to_sharing_for_individual_care='no',\n"
        "                 revoking_a_grant_stops_future_shares_but_does_not_make_earlier_ones_unlawful='yes')",
    ],
    "q6": [
        # anyone with a revoked row left out, even if they granted again
        f"mine = pds_grants[{_ICB_CARE}]\n"
        "revoked = mine.loc[mine['revoked_on'].notna(), 'resident_id']\n"
        "answer_q6 = sorted(set(mine['resident_id']) - set(revoked))",
        # revoked today counted as still in force
        f"mine = pds_grants[{_ICB_CARE}]\n"
        "ok = (mine['granted_on'] <= today) & ~(mine['revoked_on'] < today)\n"
        "answer_q6 = sorted(set(mine.loc[ok, 'resident_id']))",
        # granted today left out
        f"mine = pds_grants[{_ICB_CARE}]\n"
        "ok = (mine['granted_on'] < today) & ~(mine['revoked_on'] <= today)\n"
        "answer_q6 = sorted(set(mine.loc[ok, 'resident_id']))",
        # the national data opt-out applied to individual care
        f"mine = pds_grants[{_ICB_CARE}]\n"
        "ok = (mine['granted_on'] <= today) & ~(mine['revoked_on'] <= today)\n"
        "answer_q6 = sorted(set(mine.loc[ok, 'resident_id']) - set(data_opt_outs['resident_id']))",
        # a set: the grader cannot keep it
        f"mine = pds_grants[{_ICB_CARE}]\n"
        "answer_q6 = set(mine.loc[(mine['granted_on'] <= today) & ~(mine['revoked_on'] <= today), 'resident_id'])",
        # every organisation and purpose
        "ok = (pds_grants['granted_on'] <= today) & ~(pds_grants['revoked_on'] <= today)\n"
        "answer_q6 = sorted(set(pds_grants.loc[ok, 'resident_id']))",
    ],
    "q7": [
        # the other way round: new since the last share
        f"mine = pds_grants[{_ICB_CARE}]\n"
        "then = mine[(mine['granted_on'] <= last_share) & ~(mine['revoked_on'] <= last_share)]['resident_id']\n"
        "answer_q7 = sorted(set(answer_q6) - set(then))",
        # everyone whose grant was ever revoked
        f"mine = pds_grants[{_ICB_CARE}]\n"
        "answer_q7 = sorted(set(mine.loc[mine['revoked_on'].notna(), 'resident_id']))",
        # revoked between the two days, counting the day of the last share and those who granted again
        f"mine = pds_grants[{_ICB_CARE}]\n"
        "answer_q7 = sorted(set(mine.loc[(mine['revoked_on'] >= last_share) & (mine['revoked_on'] <= today),\n"
        "                                'resident_id']))",
    ],
    "q8": [
        # the opt-out not applied
        f"mine = pds_grants[{_ICB_PLAN}]\n"
        "ok = (mine['granted_on'] <= today) & ~(mine['revoked_on'] <= today)\n"
        "answer_q8 = sorted(set(mine.loc[ok, 'resident_id']))",
        # every opt-out on the list, even those registered after today
        f"mine = pds_grants[{_ICB_PLAN}]\n"
        "ok = (mine['granted_on'] <= today) & ~(mine['revoked_on'] <= today)\n"
        "answer_q8 = sorted(set(mine.loc[ok, 'resident_id']) - set(data_opt_outs['resident_id']))",
        # opt-outs registered today not counted
        f"mine = pds_grants[{_ICB_PLAN}]\n"
        "ok = (mine['granted_on'] <= today) & ~(mine['revoked_on'] <= today)\n"
        "out = data_opt_outs.loc[data_opt_outs['opted_out_on'] < today, 'resident_id']\n"
        "answer_q8 = sorted(set(mine.loc[ok, 'resident_id']) - set(out))",
        # the individual care list with the opt-out applied
        f"mine = pds_grants[{_ICB_CARE}]\n"
        "ok = (mine['granted_on'] <= today) & ~(mine['revoked_on'] <= today)\n"
        "out = data_opt_outs.loc[data_opt_outs['opted_out_on'] <= today, 'resident_id']\n"
        "answer_q8 = sorted(set(mine.loc[ok, 'resident_id']) - set(out))",
    ],
}
