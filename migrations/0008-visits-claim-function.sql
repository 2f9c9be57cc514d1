-- The claim of the next client as one function: PL/pgSQL keeps the plans of its queries for the
-- life of a connection, so the hottest statement of the visits capability is planned once per
-- connection instead of on every call. The order is queue-policy.ts (a property test compares):
-- 0 transferred to this counter, 1 waited past the pass-over cap, 2 appointment due, 3 priority,
-- 4 the rest; arrival time within a rank (appointment time for rank 2), then id.
-- First a short list (each rank's first p_candidates through its own index), then, if every
-- one of those is taken by a concurrent claim, the whole queue.
create function visit_claim_next(p_site uuid, p_counter uuid, p_now timestamptz, p_cutoff timestamptz, p_window timestamptz, p_candidates integer)
returns setof visits language plpgsql as $$
declare
  v_id uuid;
begin
  with candidates as materialized (
    (select v.id from visits v
      where v.service_point_id = p_site and v.state = 'waiting' and v.checked_in_at is not null
        and v.service_code in (select s.service_code from visit_counter_services s where s.counter_id = p_counter)
        and v.counter_id = p_counter
      order by v.arrived_at limit p_candidates)
    union all
    (select v.id from visits v
      where v.service_point_id = p_site and v.state = 'waiting' and v.checked_in_at is not null
        and v.service_code in (select s.service_code from visit_counter_services s where s.counter_id = p_counter)
        and v.counter_id is null
      order by v.arrived_at limit p_candidates)
    union all
    (select v.id from visits v
      where v.service_point_id = p_site and v.state = 'waiting' and v.checked_in_at is not null
        and v.service_code in (select s.service_code from visit_counter_services s where s.counter_id = p_counter)
        and v.counter_id is null and v.appointment_at is not null and v.appointment_at <= p_window
      order by v.appointment_at limit p_candidates)
    union all
    (select v.id from visits v
      where v.service_point_id = p_site and v.state = 'waiting' and v.checked_in_at is not null
        and v.service_code in (select s.service_code from visit_counter_services s where s.counter_id = p_counter)
        and v.counter_id is null and v.priority
      order by v.arrived_at limit p_candidates)
  )
  select v.id into v_id from visits v
  -- 'is true' keeps the planner on the primary key with the short list (not the partial indexes
  -- on waiting clients); the state is still re-checked when the row is locked.
  where v.id = any(array(select id from candidates))
    and (v.state = 'waiting') is true
    and (v.counter_id is null or v.counter_id = p_counter)
  order by
    case when v.counter_id = p_counter then 0 when v.arrived_at <= p_cutoff then 1
         when v.appointment_at is not null and v.appointment_at <= p_window then 2 when v.priority then 3 else 4 end,
    case when v.counter_id is distinct from p_counter and v.arrived_at > p_cutoff and v.appointment_at is not null and v.appointment_at <= p_window
         then v.appointment_at else v.arrived_at end,
    v.arrived_at, v.id
  limit 1
  for update of v skip locked;

  if v_id is null then
    select v.id into v_id from visits v
    where v.service_point_id = p_site and v.state = 'waiting' and v.checked_in_at is not null
      and v.service_code in (select s.service_code from visit_counter_services s where s.counter_id = p_counter)
      and (v.counter_id is null or v.counter_id = p_counter)
    order by
      case when v.counter_id = p_counter then 0 when v.arrived_at <= p_cutoff then 1
           when v.appointment_at is not null and v.appointment_at <= p_window then 2 when v.priority then 3 else 4 end,
      case when v.counter_id is distinct from p_counter and v.arrived_at > p_cutoff and v.appointment_at is not null and v.appointment_at <= p_window
           then v.appointment_at else v.arrived_at end,
      v.arrived_at, v.id
    limit 1
    for update of v skip locked;
  end if;

  if v_id is null then
    return;
  end if;
  return query
    update visits set state = 'called', counter_id = p_counter, called_at = p_now,
      first_called_at = coalesce(visits.first_called_at, p_now),
      call_count = visits.call_count + 1, updated_at = p_now
    where visits.id = v_id
    returning visits.*;
end;
$$;

-- Call-next in one round trip: the idempotency key, the counter's checks, the claim, the call's
-- history row and its announcement, all in the one statement's transaction. Errors are raised
-- with a stable message (an i18n code) that the repository turns into the matching AppError.
create function visit_call_next(p_counter uuid, p_site_ref text, p_key text, p_now timestamptz, p_actor text, p_candidates integer, p_window_minutes integer, p_channel text)
returns setof visits language plpgsql as $$
declare
  v_scope text := 'call-next:' || p_counter::text;
  v_previous jsonb;
  v_inserted integer;
  v_counter record;
  v_row visits;
begin
  if p_key is not null then
    insert into idempotency_keys (scope, key, response, created_at) values (v_scope, p_key, '{"pending":true}', p_now)
      on conflict (scope, key) do nothing;
    get diagnostics v_inserted = row_count;
    if v_inserted = 0 then
      -- A repeated request: the first one's client (or none), never a new call.
      select response into v_previous from idempotency_keys where scope = v_scope and key = p_key;
      return query select * from visits where id = (v_previous ->> 'visitId')::uuid;
      return;
    end if;
  end if;

  select c.id, c.name, c.service_point_id, c.closed_at,
         coalesce(s.max_pass_over_minutes, 45) as max_pass_over_minutes,
         (select v.ticket from visits v where v.counter_id = c.id and v.state = 'called' limit 1) as serving_ticket
    into v_counter
    from visit_counters c left join visit_site_settings s on s.service_point_id = c.service_point_id
    where c.id = p_counter;
  if not found or (p_site_ref is not null and not exists (
      select 1 from service_points p where p.id = v_counter.service_point_id
        and (p.id::text = lower(p_site_ref) or p.code = p_site_ref or p.external_id = p_site_ref))) then
    raise exception 'visits.counter_not_found' using errcode = 'P0001';
  end if;
  if v_counter.closed_at is not null then
    raise exception 'visits.counter_closed' using errcode = 'P0001';
  end if;
  if v_counter.serving_ticket is not null then
    raise exception 'visits.counter_busy' using errcode = 'P0001', detail = v_counter.serving_ticket;
  end if;

  select * into v_row from visit_claim_next(v_counter.service_point_id, p_counter, p_now,
    p_now - make_interval(mins => v_counter.max_pass_over_minutes), p_now + make_interval(mins => p_window_minutes), p_candidates);
  if p_key is not null then
    update idempotency_keys set response = jsonb_build_object('visitId', v_row.id) where scope = v_scope and key = p_key;
  end if;
  if v_row.id is null then
    return;
  end if;
  insert into visit_events (visit_id, occurred_at, type, counter_id, actor, details)
    values (v_row.id, p_now, 'called', p_counter, p_actor, jsonb_build_object('counter', v_counter.name));
  perform pg_notify(p_channel, json_build_object('siteId', v_row.service_point_id, 'change', 'called', 'ticket', v_row.ticket,
    'counterId', p_counter, 'counter', v_counter.name)::text);
  return next v_row;
end;
$$;
