CREATE TABLE `campaign_township_stats` (
	`campaign_id` text NOT NULL,
	`township_code` text NOT NULL,
	`participants` integer DEFAULT 0 NOT NULL,
	`submitters` integer DEFAULT 0 NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`counted_score_sum` real DEFAULT 0 NOT NULL,
	`passed` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`campaign_id`, `township_code`)
);
--> statement-breakpoint
ALTER TABLE `participants` ADD `township_code` text;