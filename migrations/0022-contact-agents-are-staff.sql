-- A contact agent is a staff account. The agent row keeps the live state of the person on the
-- phones (state, since when, the call in hand) and the languages they answer in; who they are
-- and which lines they answer come from the account: `contact_agent_lines` and the agent's name
-- follow the account's `lines` assignment and display name, kept so by the database whichever way
-- the account changes (command line, administration pages, single sign-on), so take-next
-- (`contact_claim_next`) keeps reading one indexed table. Rows without an account are the agents
-- recorded before accounts were required and the simulator's agents, who are not people.

alter table contact_agents add column staff_user_id uuid unique references staff_users (id);

create function contact_agent_follow_account(p_user uuid) returns void language plpgsql as $$
declare
  v_agent uuid;
begin
  select a.id into v_agent from contact_agents a where a.staff_user_id = p_user;
  if v_agent is null then return; end if;
  update contact_agents a set name = u.display_name
    from staff_users u where u.id = p_user and a.id = v_agent and a.name is distinct from u.display_name;
  delete from contact_agent_lines al
   where al.agent_id = v_agent
     and al.line_id not in (select l.id from contact_lines l join staff_users u on l.code = any (u.lines) where u.id = p_user);
  insert into contact_agent_lines (agent_id, line_id)
    select v_agent, l.id from contact_lines l join staff_users u on l.code = any (u.lines) where u.id = p_user
  on conflict do nothing;
end;
$$;

create function contact_agents_follow_staff_users() returns trigger language plpgsql as $$
begin
  perform contact_agent_follow_account(new.id);
  return null;
end;
$$;
create trigger contact_agents_follow_staff_users after update of lines, display_name on staff_users
  for each row when (old.lines is distinct from new.lines or old.display_name is distinct from new.display_name)
  execute function contact_agents_follow_staff_users();

create function contact_agents_follow_own_account() returns trigger language plpgsql as $$
begin
  perform contact_agent_follow_account(new.staff_user_id);
  return null;
end;
$$;
create trigger contact_agents_follow_own_account after insert or update of staff_user_id on contact_agents
  for each row when (new.staff_user_id is not null)
  execute function contact_agents_follow_own_account();
