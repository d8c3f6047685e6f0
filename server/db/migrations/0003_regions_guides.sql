CREATE TABLE `campaign_guide_stats` (
	`campaign_id` text NOT NULL,
	`guide_id` text NOT NULL,
	`participants` integer DEFAULT 0 NOT NULL,
	`submitters` integer DEFAULT 0 NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`counted_score_sum` real DEFAULT 0 NOT NULL,
	`passed` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`campaign_id`, `guide_id`)
);
--> statement-breakpoint
CREATE TABLE `campaign_village_stats` (
	`campaign_id` text NOT NULL,
	`village_code` text NOT NULL,
	`participants` integer DEFAULT 0 NOT NULL,
	`submitters` integer DEFAULT 0 NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`counted_score_sum` real DEFAULT 0 NOT NULL,
	`passed` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`campaign_id`, `village_code`)
);
--> statement-breakpoint
CREATE TABLE `guides` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`phone` text NOT NULL,
	`role` text NOT NULL,
	`clinic` text DEFAULT '' NOT NULL,
	`region_code` text NOT NULL,
	`county_code` text,
	`township_code` text,
	`token` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `guides_phone_unique` ON `guides` (`phone`);--> statement-breakpoint
CREATE UNIQUE INDEX `guides_token_unique` ON `guides` (`token`);--> statement-breakpoint
CREATE INDEX `guides_region` ON `guides` (`region_code`);--> statement-breakpoint
CREATE INDEX `guides_county` ON `guides` (`county_code`);--> statement-breakpoint
CREATE INDEX `guides_township` ON `guides` (`township_code`);--> statement-breakpoint
ALTER TABLE `contests` ADD `region_code` text;--> statement-breakpoint
ALTER TABLE `participants` ADD `village_code` text;--> statement-breakpoint
ALTER TABLE `participants` ADD `guide_id` text;--> statement-breakpoint
CREATE INDEX `participants_guide` ON `participants` (`campaign_id`,`guide_id`);--> statement-breakpoint
ALTER TABLE `users` ADD `region_code` text;--> statement-breakpoint
UPDATE `contests` SET `region_code` = json_extract(`settings`, '$.regionCode') WHERE `region_code` IS NULL;