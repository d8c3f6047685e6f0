CREATE TABLE `contest_audience` (
	`contest_id` text NOT NULL,
	`member_id` text NOT NULL,
	`nickname` text NOT NULL,
	`county` text,
	`joined_at` integer NOT NULL,
	PRIMARY KEY(`contest_id`, `member_id`)
);
--> statement-breakpoint
CREATE TABLE `contest_audience_answers` (
	`contest_id` text NOT NULL,
	`opening_id` integer NOT NULL,
	`member_id` text NOT NULL,
	`options` text NOT NULL,
	`at` integer NOT NULL,
	`correct` integer NOT NULL,
	`points` integer NOT NULL,
	`county` text,
	PRIMARY KEY(`contest_id`, `opening_id`, `member_id`)
);
--> statement-breakpoint
CREATE INDEX `contest_audience_answers_member` ON `contest_audience_answers` (`contest_id`,`member_id`);