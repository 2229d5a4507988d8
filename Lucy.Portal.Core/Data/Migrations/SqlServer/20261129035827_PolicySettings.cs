using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lucy.Portal.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PolicySettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "StepUpVerifiedAt",
                table: "UserSessions",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "StepUpMinutes",
                table: "AdvancedSettings",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "TwoFactorAdministratorGraceDays",
                table: "AdvancedSettings",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "TwoFactorEveryoneGraceDays",
                table: "AdvancedSettings",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "TwoFactorRequiredFor",
                table: "AdvancedSettings",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "TwoFactorClocks",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    RequiredSince = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TwoFactorClocks", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_TwoFactorClocks_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TwoFactorClocks");

            migrationBuilder.DropColumn(
                name: "StepUpVerifiedAt",
                table: "UserSessions");

            migrationBuilder.DropColumn(
                name: "StepUpMinutes",
                table: "AdvancedSettings");

            migrationBuilder.DropColumn(
                name: "TwoFactorAdministratorGraceDays",
                table: "AdvancedSettings");

            migrationBuilder.DropColumn(
                name: "TwoFactorEveryoneGraceDays",
                table: "AdvancedSettings");

            migrationBuilder.DropColumn(
                name: "TwoFactorRequiredFor",
                table: "AdvancedSettings");
        }
    }
}
