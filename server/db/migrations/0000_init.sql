CREATE TABLE `attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`campaign_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`county_code` text NOT NULL,
	`day` text NOT NULL,
	`started_at` integer NOT NULL,
	`deadline` integer NOT NULL,
	`drawn` text NOT NULL,
	`status` text NOT NULL,
	`submitted_at` integer,
	`score` real,
	`correct_count` integer,
	`answers` text
);
--> statement-breakpoint
CREATE INDEX `attempts_participant` ON `attempts` (`participant_id`);--> statement-breakpoint
CREATE INDEX `attempts_open` ON `attempts` (`status`,`deadline`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`user_id` text,
	`action` text NOT NULL,
	`target` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `campaign_county_stats` (
	`campaign_id` text NOT NULL,
	`county_code` text NOT NULL,
	`participants` integer DEFAULT 0 NOT NULL,
	`submitters` integer DEFAULT 0 NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`counted_score_sum` real DEFAULT 0 NOT NULL,
	`passed` integer DEFAULT 0 NOT NULL,
	`full_marks` integer DEFAULT 0 NOT NULL,
	`answers` integer DEFAULT 0 NOT NULL,
	`correct` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`campaign_id`, `county_code`)
);
--> statement-breakpoint
CREATE TABLE `campaign_daily_stats` (
	`campaign_id` text NOT NULL,
	`day` text NOT NULL,
	`county_code` text NOT NULL,
	`new_participants` integer DEFAULT 0 NOT NULL,
	`active_participants` integer DEFAULT 0 NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`score_sum` real DEFAULT 0 NOT NULL,
	PRIMARY KEY(`campaign_id`, `day`, `county_code`)
);
--> statement-breakpoint
CREATE TABLE `campaign_item_stats` (
	`campaign_id` text NOT NULL,
	`edition` text NOT NULL,
	`item` integer NOT NULL,
	`answered` integer DEFAULT 0 NOT NULL,
	`correct` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`campaign_id`, `edition`, `item`)
);
--> statement-breakpoint
CREATE TABLE `campaign_question_stats` (
	`campaign_id` text NOT NULL,
	`question_id` text NOT NULL,
	`answered` integer DEFAULT 0 NOT NULL,
	`correct` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`campaign_id`, `question_id`)
);
--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`region_code` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`settings` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `campaigns_window` ON `campaigns` (`status`,`ends_at`);--> statement-breakpoint
CREATE TABLE `contest_log` (
	`contest_id` text NOT NULL,
	`seq` integer NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`command` text NOT NULL,
	PRIMARY KEY(`contest_id`, `seq`)
);
--> statement-breakpoint
CREATE TABLE `contest_tokens` (
	`token` text PRIMARY KEY NOT NULL,
	`contest_id` text NOT NULL,
	`kind` text NOT NULL,
	`subject_id` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `contest_tokens_contest` ON `contest_tokens` (`contest_id`,`kind`);--> statement-breakpoint
CREATE TABLE `contests` (
	`id` text PRIMARY KEY NOT NULL,
	`pin` text NOT NULL,
	`title` text NOT NULL,
	`status` text DEFAULT 'setup' NOT NULL,
	`rehearsal` integer DEFAULT false NOT NULL,
	`settings` text NOT NULL,
	`config` text,
	`created_by` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contests_pin_unique` ON `contests` (`pin`);--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `participants` (
	`id` text PRIMARY KEY NOT NULL,
	`campaign_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`county_code` text NOT NULL,
	`name` text,
	`phone_hash` text,
	`phone_masked` text,
	`team_name` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`counted_score` real,
	`best_score` real,
	`last_day` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `participants_token_hash_unique` ON `participants` (`token_hash`);--> statement-breakpoint
CREATE INDEX `participants_rank` ON `participants` (`campaign_id`,`county_code`,`counted_score`);--> statement-breakpoint
CREATE UNIQUE INDEX `participants_phone` ON `participants` (`campaign_id`,`phone_hash`);--> statement-breakpoint
CREATE TABLE `question_revisions` (
	`question_id` text NOT NULL,
	`revision` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`question_id`, `revision`)
);
--> statement-breakpoint
CREATE TABLE `question_set_items` (
	`set_id` text NOT NULL,
	`position` integer NOT NULL,
	`question_id` text NOT NULL,
	PRIMARY KEY(`set_id`, `position`)
);
--> statement-breakpoint
CREATE INDEX `question_set_items_question` ON `question_set_items` (`question_id`);--> statement-breakpoint
CREATE TABLE `question_sets` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `questions` (
	`id` text PRIMARY KEY NOT NULL,
	`revision` integer NOT NULL,
	`type` text NOT NULL,
	`topic` text NOT NULL,
	`difficulty` integer NOT NULL,
	`edition` text NOT NULL,
	`item` integer NOT NULL,
	`stem` text NOT NULL,
	`stem_key` text NOT NULL,
	`body` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`origin` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `questions_topic` ON `questions` (`topic`);--> statement-breakpoint
CREATE INDEX `questions_item` ON `questions` (`edition`,`item`);--> statement-breakpoint
CREATE UNIQUE INDEX `questions_stem_key` ON `questions` (`stem_key`);--> statement-breakpoint
CREATE TABLE `regions` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`parent_code` text
);
--> statement-breakpoint
CREATE INDEX `regions_parent` ON `regions` (`parent_code`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);