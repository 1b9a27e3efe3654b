-- Widget messages are written in batches (api/src/ingest/store-widget-message.ts): the messages that
-- arrive while the previous batch is being written go to the database together, in one statement,
-- one transaction and one commit. Each message runs in its own subtransaction, so one that fails
-- (or goes over a rate limit while it is written) is undone alone and the others are kept.
--
-- `ingest_widget_message` keeps its checks and writes but loses its own exception block: it now
-- raises 'rate_limited' or 'duplicate' and the batch function's per-message block undoes the
-- message's writes (one subtransaction per message rather than two). It also runs fewer
-- statements per message: an existing conversation is counted and locked by one UPDATE (before,
-- an INSERT … ON CONFLICT, a SELECT … FOR UPDATE and the UPDATE), and the detected-contact and
-- consent inserts run only when there is something to insert.
--
-- Batches run one at a time: each first takes a transaction-level advisory lock, so two batches
-- (from one API process or several) never hold each other's rows (conversations, the per-site
-- buckets) in opposite orders, and a batch sent while another runs waits inside PostgreSQL and
-- starts the moment the other commits.
CREATE OR REPLACE FUNCTION "ingest_widget_message"(input jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  received timestamp(3) := (input->>'receivedAt')::timestamptz AT TIME ZONE 'UTC';
  expires timestamp(3) := (input->>'expiresAt')::timestamptz AT TIME ZONE 'UTC';
  site_id uuid := (input->>'siteId')::uuid;
  bucket record;
  hits integer;
  conversation_id uuid;
  message_id uuid;
  lead_id uuid;
BEGIN
  -- Over a limit already: refuse before writing anything (a plain read, no lock).
  FOR bucket IN
    SELECT * FROM jsonb_to_recordset(input->'rateLimits') AS b("key" text, "windowStart" text, "limit" integer)
  LOOP
    SELECT "count" INTO hits FROM "RateLimitBucket"
    WHERE "key" = bucket."key" AND "windowStart" = bucket."windowStart"::timestamptz AT TIME ZONE 'UTC';
    IF hits >= bucket."limit" THEN
      RETURN jsonb_build_object('outcome', 'rate_limited', 'key', bucket."key");
    END IF;
  END LOOP;

  -- Most messages belong to a conversation that exists: one statement counts the message in it
  -- and locks it (so repeats of a message id racing each other are told apart exactly). The
  -- first message inserts it; one inserted meanwhile by another transaction is then updated.
  LOOP
    UPDATE "Conversation" SET
      "messageCount" = "messageCount" + 1,
      "lastMessageAt" = GREATEST("lastMessageAt", received),
      "expiresAt" = GREATEST("expiresAt", expires),
      "updatedAt" = received
    WHERE "siteId" = site_id AND "externalId" = (input->>'conversationId')::uuid
    RETURNING "id" INTO conversation_id;
    EXIT WHEN conversation_id IS NOT NULL;
    INSERT INTO "Conversation" ("id", "siteId", "externalId", "channel", "startedAt", "lastMessageAt",
      "expiresAt", "messageCount", "ipHash", "country", "city", "userAgent", "referrer", "pageUrl",
      "createdAt", "updatedAt")
    VALUES ((input->>'conversationRowId')::uuid, site_id, (input->>'conversationId')::uuid,
      (input->>'channel')::"Channel", received, received, expires, 1, input->>'ipHash', input->>'country',
      input->>'city', input->>'userAgent', input->>'referrer', input->>'pageUrl', received, received)
    ON CONFLICT ("siteId", "externalId") DO NOTHING
    RETURNING "id" INTO conversation_id;
    EXIT WHEN conversation_id IS NOT NULL;
  END LOOP;

  INSERT INTO "Message" ("id", "conversationId", "externalId", "role", "text", "redactionCount", "sentAt", "createdAt")
  VALUES ((input->>'messageRowId')::uuid, conversation_id, (input->>'messageId')::uuid,
    (input->>'role')::"MessageRole", input->>'text', (input->>'redactionCount')::integer,
    (input->>'sentAt')::timestamptz AT TIME ZONE 'UTC', received)
  ON CONFLICT ("conversationId", "externalId") DO NOTHING
  RETURNING "id" INTO message_id;

  -- A repeated message id: the caller's subtransaction undoes the count above, so nothing changes.
  IF message_id IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = 'duplicate';
  END IF;

  IF input->'lead' IS NOT NULL AND jsonb_typeof(input->'lead') = 'object' THEN
    INSERT INTO "Lead" ("id", "siteId", "conversationId", "source", "name", "jobTitle", "email",
      "emailNormalized", "phone", "company", "createdAt", "updatedAt")
    VALUES ((input->'lead'->>'rowId')::uuid, site_id, conversation_id, 'CHAT', input->'lead'->>'name',
      input->'lead'->>'jobTitle', input->'lead'->>'email', input->'lead'->>'emailNormalized',
      input->'lead'->>'phone', input->'lead'->>'company', received, received)
    ON CONFLICT ("conversationId") DO UPDATE SET
      "name" = COALESCE(EXCLUDED."name", "Lead"."name"),
      "jobTitle" = COALESCE(EXCLUDED."jobTitle", "Lead"."jobTitle"),
      "email" = COALESCE(EXCLUDED."email", "Lead"."email"),
      "emailNormalized" = COALESCE(EXCLUDED."emailNormalized", "Lead"."emailNormalized"),
      "phone" = COALESCE(EXCLUDED."phone", "Lead"."phone"),
      "company" = COALESCE(EXCLUDED."company", "Lead"."company"),
      "updatedAt" = received
    RETURNING "id" INTO lead_id;
  END IF;

  -- Most messages have neither, and a statement not run costs nothing.
  IF jsonb_array_length(COALESCE(input->'detectedContacts', '[]'::jsonb)) > 0 THEN
    INSERT INTO "DetectedContact" ("id", "conversationId", "messageId", "kind", "value", "createdAt")
    SELECT d."rowId"::uuid, conversation_id, message_id, d."kind"::"ContactKind", d."value", received
    FROM jsonb_to_recordset(input->'detectedContacts') AS d("rowId" text, "kind" text, "value" text)
    ON CONFLICT ("conversationId", "kind", "value") DO NOTHING;
  END IF;

  IF jsonb_array_length(COALESCE(input->'consents', '[]'::jsonb)) > 0 THEN
    INSERT INTO "Consent" ("id", "siteId", "subjectEmailNormalized", "leadId", "purpose", "legalBasis",
      "action", "source", "policyVersion", "evidence", "occurredAt", "createdAt")
    SELECT c."rowId"::uuid, site_id, input->'lead'->>'emailNormalized', lead_id, c."purpose"::"ConsentPurpose",
      'CONSENT', c."action"::"ConsentAction", 'WIDGET', c."policyVersion", c."evidence", received, received
    FROM jsonb_to_recordset(input->'consents')
      AS c("rowId" text, "purpose" text, "action" text, "policyVersion" text, "evidence" text);
  END IF;

  -- Counted last, so the hot per-site row is locked only from here to the commit.
  FOR bucket IN
    SELECT * FROM jsonb_to_recordset(input->'rateLimits') AS b("key" text, "windowStart" text, "limit" integer)
  LOOP
    INSERT INTO "RateLimitBucket" ("key", "windowStart", "count")
    VALUES (bucket."key", bucket."windowStart"::timestamptz AT TIME ZONE 'UTC', 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitBucket"."count" + 1
    RETURNING "count" INTO hits;
    IF hits > bucket."limit" THEN
      RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = 'rate_limited', DETAIL = bucket."key";
    END IF;
  END LOOP;

  RETURN jsonb_build_object('outcome', 'stored');
END;
$$;


-- One result per input, in order: {"outcome": "stored" | "duplicate"}, {"outcome": "rate_limited",
-- "key": …}, or {"outcome": "failed", "code": SQLSTATE} for a message whose writes were undone by an
-- error (the caller answers 503 and the widget retries it).
CREATE FUNCTION "ingest_widget_messages"(inputs jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  input jsonb;
  result jsonb;
  results jsonb[] := '{}';
  limited_key text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('confide'), hashtext('ingest_widget_messages'));
  FOR input IN SELECT value FROM jsonb_array_elements(inputs) LOOP
    BEGIN
      result := "ingest_widget_message"(input);
    EXCEPTION
      WHEN raise_exception THEN
        IF SQLERRM = 'rate_limited' THEN
          GET STACKED DIAGNOSTICS limited_key = PG_EXCEPTION_DETAIL;
          result := jsonb_build_object('outcome', 'rate_limited', 'key', limited_key);
        ELSIF SQLERRM = 'duplicate' THEN
          result := jsonb_build_object('outcome', 'duplicate');
        ELSE
          result := jsonb_build_object('outcome', 'failed', 'code', SQLSTATE);
        END IF;
      WHEN OTHERS THEN
        result := jsonb_build_object('outcome', 'failed', 'code', SQLSTATE);
    END;
    results := results || result;
  END LOOP;
  RETURN to_jsonb(results);
END;
$$;
