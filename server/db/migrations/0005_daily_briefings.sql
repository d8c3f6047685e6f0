CREATE TABLE `briefings` (
	`id` text PRIMARY KEY NOT NULL,
	`campaign_id` text NOT NULL,
	`region_code` text NOT NULL,
	`kind` text NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`data` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `briefings_period` ON `briefings` (`campaign_id`,`region_code`,`kind`,`period_start`);--> statement-breakpoint
CREATE TABLE `campaign_daily_reads` (
	`campaign_id` text NOT NULL,
	`day` text NOT NULL,
	`county_code` text NOT NULL,
	`reads` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`campaign_id`, `day`, `county_code`)
);
